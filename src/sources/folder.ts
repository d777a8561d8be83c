// Local folders as object storage: each sub-folder of a root is a bucket, keys are `/`-joined
// paths below it. Owns path safety (no bucket or key resolves outside the root); not S3 semantics
// beyond what jobs need (no tags, no versions, no encryption).
import { createHash, randomBytes } from 'node:crypto'
import { lstat, mkdir, open, opendir, realpath, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { ConflictError, InvalidInputError } from '../errors.js'
import {
  SourceError,
  type BucketInfo,
  type BucketPosture,
  type ObjectHead,
  type ObjectSource,
  type PutOptions,
  type SourceObject,
  type SourceSpec,
  type Tag,
} from './types.js'

type FolderSpec = Extract<SourceSpec, { kind: 'folder' }>

/**
 * The eTag of a file: the first 32 hex digits of SHA-256 over `<size>:<mtime in ns>`. It costs
 * one stat (no read of the content), stays the same while the file is untouched and changes on
 * any write that moves the modification time or the size — a rewrite with the same size within
 * the file system's timestamp granularity, or one that restores the old mtime, goes unnoticed.
 * @example
 * folderETag(1024n, 1700000000000000000n) // 32 hex digits
 */
export function folderETag(size: bigint, mtimeNs: bigint): string {
  return createHash('sha256').update(`${size}:${mtimeNs}`).digest('hex').slice(0, 32)
}

/** Keys in S3's order: by their UTF-8 bytes (JavaScript's `<` orders UTF-16 units, which differs). */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException | undefined)?.code ?? ''
}

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR'])
const DENIED = new Set(['EACCES', 'EPERM'])

/** Whether a name can be a bucket folder: one plain path segment, not hidden. */
function isBucketName(bucket: string): boolean {
  return (
    bucket.length > 0 &&
    !bucket.startsWith('.') &&
    !bucket.includes('/') &&
    !bucket.includes(sep) &&
    !bucket.includes('\0') &&
    !(sep === '\\' && bucket.includes(':'))
  )
}

/** A key's path segments, or an InvalidInputError for a key that cannot name a file in its bucket. */
function keySegments(key: string): string[] {
  const segments = key.split('/')
  const isBad =
    key.length === 0 ||
    isAbsolute(key) ||
    key.includes('\0') ||
    segments.some((s) => s === '' || s === '.' || s === '..' || (sep !== '/' && (s.includes(sep) || s.includes(':'))))
  if (isBad) throw new InvalidInputError(`${JSON.stringify(key)} is not a key a folder bucket can hold`)
  return segments
}

/**
 * Local folders as buckets; listing is streamed one directory at a time, in S3's key order.
 * @example
 * const source = new FolderSource({ kind: 'folder', root: '/srv/buckets' })
 * for await (const o of source.listObjects('reports')) console.log(o.key, o.eTag)
 */
export class FolderSource implements ObjectSource {
  readonly #root: string
  #realRoot: Promise<string> | undefined

  constructor(spec: FolderSpec) {
    this.#root = resolve(spec.root)
  }

  /** The root with symbolic links resolved, the yardstick for "inside the root". */
  #resolvedRoot(): Promise<string> {
    this.#realRoot ??= realpath(this.#root).catch((err: unknown) => {
      this.#realRoot = undefined
      throw err
    })
    return this.#realRoot
  }

  #bucketDir(bucket: string): string {
    if (!isBucketName(bucket)) throw new InvalidInputError(`${JSON.stringify(bucket)} is not a bucket name`)
    return join(this.#root, bucket)
  }

  #objectPath(bucket: string, key: string): string {
    const dir = this.#bucketDir(bucket)
    const path = join(dir, ...keySegments(key))
    const rel = relative(dir, path)
    // keySegments already refuses `..` and absolute keys; this states the invariant itself.
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new InvalidInputError(`${JSON.stringify(key)} escapes its bucket`)
    return path
  }

  /** Whether a resolved path lies in the bucket folder (not a link out of it, nor the bucket a link). */
  async #isInBucket(bucket: string, resolvedPath: string, isBucketItselfIn = false): Promise<boolean> {
    const bucketDir = join(await this.#resolvedRoot(), bucket)
    return resolvedPath.startsWith(bucketDir + sep) || (isBucketItselfIn && resolvedPath === bucketDir)
  }

  /** The resolved path of `path`'s deepest existing ancestor (or itself). */
  async #resolveExisting(path: string): Promise<string> {
    for (let p = path; ; p = dirname(p)) {
      try {
        return await realpath(p)
      } catch (err) {
        if (codeOf(err) !== 'ENOENT' || dirname(p) === p) throw err
      }
    }
  }

  async #isBucketDir(bucket: string): Promise<boolean> {
    const st = await lstat(this.#bucketDir(bucket)).catch(() => undefined)
    return st?.isDirectory() ?? false
  }

  /** A SourceError for a failed file operation, or the error with context when Macie names none. */
  async #failure(err: unknown, operation: string, bucket: string, key?: string): Promise<Error> {
    const target = key === undefined ? bucket : `${bucket}/${key}`
    const code = codeOf(err)
    if (MISSING.has(code)) {
      if (!(await this.#isBucketDir(bucket))) {
        return new SourceError('NO_SUCH_BUCKET_AVAILABLE', `${operation} ${bucket}: no such bucket folder`, { cause: err })
      }
      return new SourceError('SOURCE_OBJECT_NO_LONGER_AVAILABLE', `${operation} ${target}: no such file`, { cause: err })
    }
    if (DENIED.has(code)) return new SourceError('PERMISSION_DENIED', `${operation} ${target}: ${code}`, { cause: err })
    return new Error(`${operation} ${target} failed: ${code || String(err)}`, { cause: err })
  }

  /** Opens an object's file for reading after checking it is a regular file inside its bucket. */
  async #openFile(operation: string, bucket: string, key: string): Promise<FileHandle> {
    const path = this.#objectPath(bucket, key)
    let handle: FileHandle
    try {
      const resolved = await realpath(path)
      if (!(await this.#isInBucket(bucket, resolved))) {
        throw new SourceError('PERMISSION_DENIED', `${operation} ${bucket}/${key}: links outside its bucket`)
      }
      handle = await open(resolved, 'r')
    } catch (err) {
      if (err instanceof SourceError) throw err
      throw await this.#failure(err, operation, bucket, key)
    }
    return handle
  }

  async *listBuckets(): AsyncIterable<BucketInfo> {
    const names: string[] = []
    try {
      for await (const e of await opendir(this.#root)) if (e.isDirectory() && isBucketName(e.name)) names.push(e.name)
    } catch (err) {
      throw new Error(`list buckets in ${this.#root} failed: ${codeOf(err) || String(err)}`, { cause: err })
    }
    names.sort(compareKeys)
    for (const name of names) {
      const st = await stat(join(this.#root, name)).catch(() => undefined)
      if (!st) continue
      // Where the file system records no birth time it reports the epoch.
      yield { name, createdAt: st.birthtimeMs > 0 ? st.birthtime : st.mtime }
    }
  }

  async *listObjects(bucket: string, prefix = ''): AsyncIterable<SourceObject> {
    const dir = this.#bucketDir(bucket)
    const st = await lstat(dir).catch(async (err: unknown) => {
      throw await this.#failure(err, 'list', bucket)
    })
    if (!st.isDirectory()) throw new SourceError('NO_SUCH_BUCKET_AVAILABLE', `list ${bucket}: not a bucket folder`)
    yield* this.#walk(bucket, dir, '', prefix)
  }

  /**
   * Yields the files below `dir` (whose keys start with `keyPrefix`) in key order. Sub-folders
   * sort as their name plus `/`, so `a-b` (0x2D) comes before `a/…` (0x2F) as it does in S3.
   * Only folders that can hold keys starting with `prefix` are read. Symbolic links are not followed.
   */
  async *#walk(bucket: string, dir: string, keyPrefix: string, prefix: string): AsyncGenerator<SourceObject> {
    const entries: Array<{ name: string; sortKey: string; isDir: boolean }> = []
    try {
      for await (const e of await opendir(dir)) {
        const isDir = e.isDirectory()
        if (!isDir && !e.isFile()) continue
        const key = keyPrefix + e.name
        const sortKey = isDir ? `${key}/` : key
        const isWanted = isDir ? sortKey.startsWith(prefix) || prefix.startsWith(sortKey) : key.startsWith(prefix)
        if (isWanted) entries.push({ name: e.name, sortKey, isDir })
      }
    } catch (err) {
      throw await this.#failure(err, 'list', bucket, keyPrefix || undefined)
    }
    entries.sort((a, b) => compareKeys(a.sortKey, b.sortKey))
    for (const e of entries) {
      const path = join(dir, e.name)
      if (e.isDir) {
        yield* this.#walk(bucket, path, e.sortKey, prefix)
        continue
      }
      // A file removed since the folder was read is simply no longer listed.
      const fst = await lstat(path, { bigint: true }).catch(() => undefined)
      if (!fst?.isFile()) continue
      yield {
        bucket,
        key: e.sortKey,
        size: Number(fst.size),
        lastModified: new Date(Number(fst.mtimeMs)),
        eTag: folderETag(fst.size, fst.mtimeNs),
      }
    }
  }

  async headObject(bucket: string, key: string): Promise<ObjectHead> {
    const handle = await this.#openFile('head', bucket, key)
    try {
      const st = await handle.stat({ bigint: true })
      if (!st.isFile()) throw new SourceError('SOURCE_OBJECT_NO_LONGER_AVAILABLE', `head ${bucket}/${key}: not a file`)
      return {
        size: Number(st.size),
        lastModified: new Date(Number(st.mtimeMs)),
        eTag: folderETag(st.size, st.mtimeNs),
        serverSideEncryption: { encryptionType: 'NONE', kmsMasterKeyId: null },
      }
    } finally {
      await handle.close()
    }
  }

  async getObjectTags(bucket: string, key: string): Promise<Tag[]> {
    // Files carry no tags; the head still reports a missing object as S3 would.
    await this.headObject(bucket, key)
    return []
  }

  async openObject(object: Pick<SourceObject, 'bucket' | 'key'> & { eTag?: string; versionId?: string }): Promise<Readable> {
    const { bucket, key, eTag } = object
    const handle = await this.#openFile('open', bucket, key)
    try {
      // The eTag is checked on the open file itself, so a swap after the check is not read.
      const st = await handle.stat({ bigint: true })
      if (!st.isFile()) throw new SourceError('SOURCE_OBJECT_NO_LONGER_AVAILABLE', `open ${bucket}/${key}: not a file`)
      const actual = folderETag(st.size, st.mtimeNs)
      if (eTag !== undefined && eTag !== actual) {
        throw new SourceError('OBJECT_VERSION_MISMATCH', `open ${bucket}/${key}: eTag is ${actual}, expected ${eTag}`)
      }
    } catch (err) {
      await handle.close()
      throw err
    }
    return handle.createReadStream()
  }

  async getBucketPosture(bucket: string): Promise<BucketPosture> {
    if (!(await this.#isBucketDir(bucket))) throw new SourceError('NO_SUCH_BUCKET_AVAILABLE', `posture ${bucket}: no such bucket folder`)
    return { defaultEncryption: { encryptionType: 'NONE', kmsMasterKeyId: null } }
  }

  /** Writes the file whole; a KMS key asked for is not applied (files are not encrypted). */
  async putObject(bucket: string, key: string, body: Buffer, _options?: PutOptions): Promise<{ isKmsEncrypted: boolean }> {
    const path = this.#objectPath(bucket, key)
    if (!(await this.#isBucketDir(bucket))) throw new SourceError('NO_SUCH_BUCKET_AVAILABLE', `put ${bucket}: no such bucket folder`)
    const dir = dirname(path)
    // Checked before creating folders too, so none is made through a link that leads out.
    if (!(await this.#isInBucket(bucket, await this.#resolveExisting(dir), true))) {
      throw new SourceError('PERMISSION_DENIED', `put ${bucket}/${key}: links outside its bucket`)
    }
    try {
      await mkdir(dir, { recursive: true })
    } catch (err) {
      if (codeOf(err) === 'EEXIST' || codeOf(err) === 'ENOTDIR') {
        throw new ConflictError(`${bucket}/${key}: a file stands where the key needs a folder`, { cause: err })
      }
      throw await this.#failure(err, 'put', bucket, key)
    }
    if (!(await this.#isInBucket(bucket, await realpath(dir), true))) {
      throw new SourceError('PERMISSION_DENIED', `put ${bucket}/${key}: links outside its bucket`)
    }
    const existing = await lstat(path).catch(() => undefined)
    if (existing && !existing.isFile()) throw new ConflictError(`${bucket}/${key}: a folder or link stands where the file would go`)
    // Written beside the target and renamed over it, so a reader never sees half a file.
    const temporary = join(dir, `.${randomBytes(6).toString('hex')}.trawl-put`)
    try {
      await writeFile(temporary, body, { flag: 'wx' })
      await rename(temporary, path)
    } catch (err) {
      await rm(temporary, { force: true })
      throw await this.#failure(err, 'put', bucket, key)
    }
    return { isKmsEncrypted: false }
  }

  async hasBucket(bucket: string): Promise<boolean> {
    return isBucketName(bucket) && (await this.#isBucketDir(bucket))
  }

  close(): void {}
}
