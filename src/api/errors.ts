// The only place that knows Macie's exception names: domain errors in, Macie's error shape out
// (HTTP status from the model, `x-amzn-errortype`, `{message}`). Anything unexpected is answered
// as InternalServerException without details; the caller logs it once.
import { AccessDeniedError, ConflictError, InvalidInputError, NotEnabledError, NotFoundError, QuotaExceededError, UnprocessableError } from '../errors.js'
import { errorStatus } from './model.js'
import { AuthError } from './sigv4.js'

/** An error as the API sends it. */
export interface MacieError {
  type: string
  status: number
  message: string
}

/** A request the API refuses before any operation runs (unknown route, bad JSON). */
export class RequestError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

const TO_MACIE: Array<[new (...args: never[]) => Error, string]> = [
  [InvalidInputError, 'ValidationException'],
  [NotFoundError, 'ResourceNotFoundException'],
  [ConflictError, 'ConflictException'],
  [QuotaExceededError, 'ServiceQuotaExceededException'],
  [AccessDeniedError, 'AccessDeniedException'],
  [UnprocessableError, 'UnprocessableEntityException'],
]

/**
 * Macie's answer to an error; `isUnexpected` when it is not one the API expects (log it).
 * @example
 * macieError(new NotFoundError('classification job', 'abc')) // { type: 'ResourceNotFoundException', status: 404, … }
 */
export function macieError(err: unknown): MacieError & { isUnexpected?: boolean } {
  if (err instanceof AuthError) return { type: err.code, status: err.status, message: err.message }
  if (err instanceof RequestError) return { type: err.type, status: err.status, message: err.message }
  // The runbook's audit recognises an account without Macie by this error and message.
  if (err instanceof NotEnabledError) return { type: 'UnauthorizedException', status: 403, message: 'Macie is not enabled' }
  for (const [type, name] of TO_MACIE) {
    if (err instanceof type) return { type: name, status: errorStatus(name), message: err.message }
  }
  return { type: 'InternalServerException', status: 500, message: 'Internal server error', isUnexpected: true }
}
