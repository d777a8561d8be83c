// The Macie2 REST API over HTTP: every request is authenticated by its SigV4 signature (which
// names the account and region), routed and validated from the Macie2 model, refused with
// Macie's not-enabled error until EnableMacie, and answered by the operation's handler in the
// model's output shape — or with Macie's error shape. Handlers never see HTTP.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { NotEnabledError } from '../errors.js'
import type { Scope } from '../store/types.js'
import { WITHOUT_SESSION, type ApiContext, type Handler } from './context.js'
import { macieError, RequestError } from './errors.js'
import { jobHandlers } from './handlers/jobs.js'
import { bucketHandlers } from './handlers/buckets.js'
import { discoveryHandlers } from './handlers/discovery.js'
import { filterHandlers } from './handlers/filters.js'
import { findingHandlers } from './handlers/findings.js'
import { identifierHandlers } from './handlers/identifiers.js'
import { memberHandlers } from './handlers/members.js'
import { revealHandlers } from './handlers/reveal.js'
import { sessionHandlers } from './handlers/session.js'
import { settingHandlers } from './handlers/settings.js'
import { allowedMethods, matchOperation, parseInput, serializeOutput } from './model.js'
import { verifySigV4 } from './sigv4.js'
import { answerTrawlRoute, isTrawlPath } from './trawl-routes.js'

/** Every implemented operation, by Macie's name. */
export const HANDLERS: Readonly<Record<string, Handler>> = { ...sessionHandlers, ...jobHandlers, ...findingHandlers, ...identifierHandlers, ...filterHandlers, ...settingHandlers, ...bucketHandlers, ...memberHandlers, ...discoveryHandlers, ...revealHandlers }

/** Request bodies above this are refused (Macie's largest requests are a few hundred KiB). */
const MAX_BODY_BYTES = 8 * 1024 * 1024

/** How the API finds who signed a request. */
export type CredentialLookup = (accessKeyId: string) => { secretAccessKey: string; accountId: string } | undefined

function send(reply: FastifyReply, status: number, type: string | undefined, body: string | undefined): FastifyReply {
  reply.code(status).header('content-type', 'application/json')
  if (type) reply.header('x-amzn-errortype', type)
  return body === undefined ? reply.send() : reply.send(body)
}

async function answer(request: FastifyRequest, ctx: ApiContext, lookup: CredentialLookup): Promise<{ status: number; type?: string; body?: string }> {
  const rawUrl = request.raw.url ?? '/'
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
  const caller = verifySigV4({ method: request.method, rawUrl, headers: request.headers, body }, lookup)
  const scope: Scope = { accountId: caller.accountId, region: caller.region }
  const queryAt = rawUrl.indexOf('?')
  const path = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt)
  // trawl's own routes (audit history, dead letters), signed like the rest, before Macie's routing.
  if (isTrawlPath(path)) return answerTrawlRoute(request.method, path, new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1)), scope, ctx)
  const matched = matchOperation(request.method, path)
  if (!matched) {
    if (allowedMethods(path).length > 0) throw new RequestError('MethodNotAllowedException', 405, `${request.method} is not allowed on ${path}`)
    throw new RequestError('UnknownOperationException', 404, `no operation at ${request.method} ${path}`)
  }
  const { operation, labels } = matched
  const handler = HANDLERS[operation.name]
  if (!handler) throw new RequestError('UnknownOperationException', 501, `${operation.name} is not implemented yet`)
  let json: unknown = {}
  if (body.length > 0) {
    try {
      json = JSON.parse(body.toString('utf8'))
    } catch {
      throw new RequestError('SerializationException', 400, 'the request body is not valid JSON')
    }
  }
  const input = parseInput(operation, { labels, query: new URLSearchParams(queryAt < 0 ? '' : rawUrl.slice(queryAt + 1)), headers: request.headers, body: json })
  if (!WITHOUT_SESSION.has(operation.name)) {
    const session = await ctx.store.sessions.get(scope)
    if (!session) throw new NotEnabledError(scope.region)
  }
  const output = await handler(input, scope, ctx)
  return serializeOutput(operation, output ?? {})
}

/**
 * Builds the API (not listening yet).
 * @example
 * const app = buildApp(ctx, credentialLookup(accounts)); await app.listen({ host: '127.0.0.1', port: 8080 })
 */
export function buildApp(ctx: ApiContext, lookup: CredentialLookup, options: { https?: { cert: Buffer; key: Buffer } } = {}): FastifyInstance {
  const app = (options.https ? Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES, https: options.https }) : Fastify({ logger: false, bodyLimit: MAX_BODY_BYTES })) as unknown as FastifyInstance
  // The body is kept as bytes: the signature covers them exactly as sent.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'],
    url: '*',
    handler: async (request, reply) => {
      try {
        const { status, type, body } = await answer(request, ctx, lookup)
        return send(reply, status, type, body)
      } catch (err) {
        const e = macieError(err)
        if (e.isUnexpected) process.stderr.write(`trawl serve: ${request.method} ${request.url.split('?')[0]}: ${(err as Error)?.stack ?? String(err)}\n`)
        return send(reply, e.status, e.type, JSON.stringify({ message: e.message, __type: e.type }))
      }
    },
  })
  return app
}
