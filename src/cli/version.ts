import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const pkg = (() => {
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      return require(p) as { version: string }
    } catch {
      // try the next layout (src/ under tsx, dist/ when built)
    }
  }
  return { version: '0.0.0' }
})()

/** trawl's version, from package.json. */
export const VERSION: string = pkg.version
