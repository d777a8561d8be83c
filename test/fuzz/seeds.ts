// One small seed file per format the scanner reads, each holding planted documented test values,
// for the fuzz test to mutate: built by the fixture builders in test/fixtures/build/ where one
// exists, inline for text formats and for archives that nest other formats.
import { gzipSync } from 'node:zlib'
import { zipSync } from 'fflate'
import { pack } from 'tar-stream'
import { gzipWithName, zipWithFolders } from '../fixtures/build/archive.js'
import { customersAvro } from '../fixtures/build/avro.js'
import { sampleDocx } from '../fixtures/build/docx.js'
import { multipartMessage } from '../fixtures/build/email.js'
import { customersParquet } from '../fixtures/build/parquet.js'
import { multiPagePdf } from '../fixtures/build/pdf.js'
import { peopleWorkbook } from '../fixtures/build/xlsx.js'

/** A seed file: its name in results and regression files, its object key, its bytes. */
export interface Seed {
  /** Short format name, also the prefix of regression files (`<name>-<seed>-<round>.<ext>`). */
  readonly name: string
  /** The object key it is scanned under; its extension is the regression file's. */
  readonly key: string
  readonly bytes: Buffer
  /** Share of the rounds this seed gets, relative to 1 (slow formats get less). */
  readonly weight: number
}

const CSV = 'name,ssn,email\nJane Doe,536-22-8741,jane.doe@example.com\nJohn Roe,,john.roe@example.com\n'

const TEXT_SEEDS: ReadonlyArray<readonly [name: string, key: string, text: string]> = [
  ['csv', 'people.csv', CSV],
  ['tsv', 'people.tsv', CSV.replaceAll(',', '\t')],
  ['json', 'people.json', JSON.stringify({ people: [{ name: 'Jane Doe', ssn: '536-22-8741', tags: ['a', 1, true, null] }, { card: '4111 1111 1111 1111' }] }, null, 1)],
  ['jsonl', 'people.jsonl', '{"name":"Jane Doe","ssn":"536-22-8741"}\n{"name":"John Roe","nested":{"card":"4111 1111 1111 1111"}}\n[1,2,"x"]\n'],
  ['txt', 'notes.txt', 'Call notes\nSSN 536-22-8741 confirmed\ncard 4111 1111 1111 1111\nthe end\n'],
  [
    'html',
    'page.html',
    '<!DOCTYPE html><html><head><title>Customer</title><script>var x = "<p>";</script></head><body>' +
      '<table><tr><td>SSN</td><td>536-22-8741</td></tr></table><p>Card &amp; 4111 1111 1111 1111</p><!-- c --></body></html>\n',
  ],
  [
    'xml',
    'customers.xml',
    '<?xml version="1.0" encoding="UTF-8"?>\n<customers>\n  <customer id="c-1" ssn="536-22-8741">\n    <name>Jane Doe</name>\n' +
      '    <card><![CDATA[4111 1111 1111 1111]]></card>\n    <SSN>536-22-8741</SSN>\n  </customer>\n</customers>\n',
  ],
  ['yaml', 'config.yaml', 'people:\n  - name: Jane Doe\n    ssn: 536-22-8741\n  - name: John Roe\n    card: "4111 1111 1111 1111"\n'],
]

async function tar(files: Record<string, Uint8Array>): Promise<Buffer> {
  const p = pack()
  for (const [name, data] of Object.entries(files)) p.entry({ name, mtime: new Date('2024-01-02T03:04:06Z') }, Buffer.from(data))
  p.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of p) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * Builds every seed. Each one, unmutated, must scan COMPLETE with at least one detection.
 * @example
 * for (const seed of await buildSeeds()) console.log(seed.name, seed.bytes.length)
 */
export async function buildSeeds(): Promise<Seed[]> {
  const csv = Buffer.from(CSV)
  // Stored, not deflated, where it nests: byte damage then reaches the inner formats' headers.
  const innerZip = Buffer.from(zipSync({ 'data/people.csv': [csv, { level: 0 }], 'readme.txt': Buffer.from('SSN 536-22-8741\n') }, { mtime: new Date('2024-01-02T03:04:06Z') }))
  // Text formats have little structure to break: half the rounds of a binary format.
  const seeds: Seed[] = TEXT_SEEDS.map(([name, key, text]) => ({ name, key, bytes: Buffer.from(text), weight: 0.5 }))
  seeds.push(
    { name: 'eml', key: 'message.eml', bytes: multipartMessage(), weight: 1 },
    { name: 'pdf', key: 'report.pdf', bytes: await multiPagePdf(), weight: 0.5 },
    { name: 'docx', key: 'letter.docx', bytes: sampleDocx(), weight: 0.7 },
    { name: 'xlsx', key: 'people.xlsx', bytes: await peopleWorkbook(), weight: 0.5 },
    { name: 'parquet', key: 'customers.parquet', bytes: customersParquet('UNCOMPRESSED'), weight: 1 },
    { name: 'parquet-snappy', key: 'customers-snappy.parquet', bytes: customersParquet('SNAPPY'), weight: 0.5 },
    { name: 'avro', key: 'customers.avro', bytes: await customersAvro('null'), weight: 1 },
    { name: 'avro-deflate', key: 'customers-deflate.avro', bytes: await customersAvro('deflate'), weight: 0.5 },
    { name: 'zip', key: 'folders.zip', bytes: zipWithFolders(), weight: 1 },
    { name: 'tar', key: 'bundle.tar', bytes: await tar({ 'a/people.csv': csv, 'notes.txt': Buffer.from('card 4111 1111 1111 1111\n') }), weight: 1 },
    { name: 'gzip', key: 'people.csv.gz', bytes: gzipWithName('people.csv', CSV), weight: 0.7 },
    { name: 'targz-zip-csv', key: 'nested.tar.gz', bytes: gzipSync(await tar({ 'inner.zip': innerZip }), { level: 0 }), weight: 1 },
    { name: 'zip-docx', key: 'letters.zip', bytes: Buffer.from(zipSync({ 'letters/letter.docx': sampleDocx(), 'index.txt': Buffer.from('letters\n') })), weight: 0.7 },
  )
  return seeds
}
