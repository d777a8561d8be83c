// JSONPaths as Macie writes them in `records[].jsonPath`, shared by JSON, Parquet and Avro.

const MAX_NAME_CHARS = 240
const MAX_PATH_CHARS = 250
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** A path element: an object key or an array index. */
export type PathKey = string | number

/** One element as written in a path: `.name`, `['odd name']`, `[2]`. */
export function renderPathElement(key: PathKey): string {
  if (typeof key === 'number') return `[${key}]`
  const name = key.length > MAX_NAME_CHARS ? '...' + key.slice(key.length - (MAX_NAME_CHARS - 3)) : key
  if (IDENTIFIER.test(name)) return '.' + name
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`
}

/**
 * Joins rendered elements, given leaf first, into Macie's JSONPath: names over 240 characters
 * keep their end behind `...`; a path over 250 characters keeps its last elements behind `$..`.
 * No elements is `$`.
 */
export function joinPathFromLeaf(elements: readonly string[]): string {
  let length = 1
  for (const e of elements) length += e.length
  if (length <= MAX_PATH_CHARS) return '$' + [...elements].reverse().join('')
  // Keep the elements nearest the leaf that fit behind '$..' (always the leaf's own); the first
  // kept element loses its dot: `$..name`.
  let kept = 1
  let sum = elements[0]!.length
  while (kept < elements.length) {
    const e = elements[kept]!
    if (3 + sum + e.length - (e.startsWith('.') ? 1 : 0) > MAX_PATH_CHARS) break
    sum += e.length
    kept++
  }
  const tail = elements.slice(0, kept).reverse()
  if (tail[0]!.startsWith('.')) tail[0] = tail[0]!.slice(1)
  return '$..' + tail.join('')
}

/**
 * The JSONPath of a value reached through `keys` from the root.
 * @example
 * jsonPath(['access', 'key', 2]) // '$.access.key[2]'
 */
export function jsonPath(keys: readonly PathKey[]): string {
  const elements: string[] = []
  for (let i = keys.length - 1; i >= 0; i--) elements.push(renderPathElement(keys[i]!))
  return joinPathFromLeaf(elements)
}
