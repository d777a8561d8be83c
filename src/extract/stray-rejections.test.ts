import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { isLibraryStray } from './stray-rejections.js'

const guard = new URL('./stray-rejections.ts', import.meta.url).href

function runWithGuard(reject: string): number | null {
  const code = `const { guardStrayRejections } = await import(${JSON.stringify(guard)}); guardStrayRejections(); ${reject}; await new Promise((r) => setTimeout(r, 50))`
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' }).status
}

describe('stray rejections', () => {
  it('recognises PDF.js exceptions and errors raised in hyparquet', () => {
    const xref = Object.assign(new Error('Bad (uncompressed) XRef entry'), { name: 'XRefEntryException' })
    const parquet = new RangeError('Offset is outside the bounds of the DataView')
    parquet.stack = `RangeError: Offset is outside the bounds of the DataView\n    at readVarInt (file:///app/node_modules/hyparquet/src/thrift.js:10:3)`
    assert.equal(isLibraryStray(xref), true)
    assert.equal(isLibraryStray(parquet), true)
    assert.equal(isLibraryStray(new Error('mine')), false)
    assert.equal(isLibraryStray('not an error'), false)
  })

  it('drops a stray PDF.js rejection and keeps the process alive', () => {
    assert.equal(runWithGuard(`Promise.reject(Object.assign(new Error('x'), { name: 'ParserEOFException' }))`), 0)
  })

  it('leaves any other unhandled rejection fatal', () => {
    assert.notEqual(runWithGuard(`Promise.reject(new Error('a bug of ours'))`), 0)
  })
})
