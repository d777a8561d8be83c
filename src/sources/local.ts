// Local folders as buckets: a folder is a bucket named after it, keys are paths relative to it.
import { opendir, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'

/** An object in a local folder. */
export interface LocalObject {
  path: string
  bucket: string
  key: string
  size: number
  lastModified: Date
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = []
  for await (const e of await opendir(dir)) entries.push(e)
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const e of entries) {
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* walk(p)
    else if (e.isFile()) yield p
  }
}

/**
 * Lists the objects under files and folders, streaming (a folder is never held in memory whole
 * beyond one directory's entries). A file given directly belongs to the bucket of its folder.
 * @example
 * for await (const o of listLocalObjects(['examples/demo-bucket'])) console.log(o.bucket, o.key)
 */
export async function* listLocalObjects(paths: readonly string[]): AsyncGenerator<LocalObject> {
  for (const p of paths) {
    const abs = resolve(p)
    const st = await stat(abs)
    if (st.isDirectory()) {
      const bucket = basename(abs)
      for await (const file of walk(abs)) {
        const fst = await stat(file).catch(() => undefined)
        if (!fst) continue
        yield { path: file, bucket, key: relative(abs, file).split(sep).join('/'), size: fst.size, lastModified: fst.mtime }
      }
    } else if (st.isFile()) {
      yield { path: abs, bucket: basename(dirname(abs)), key: basename(abs), size: st.size, lastModified: st.mtime }
    }
  }
}
