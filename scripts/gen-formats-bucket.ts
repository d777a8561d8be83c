// Writes examples/formats-bucket/: one object of every format trawl reads, each with planted
// synthetic values at known locations, plus the objects it cannot fully read (a corrupt PDF, an
// encrypted ZIP, an image, nested archives). test/integration/formats-scan.test.ts asserts them.
// Run: node --import tsx scripts/gen-formats-bucket.ts
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js'
import avro from 'avsc'
import ExcelJS from 'exceljs'
import { strToU8, zipSync } from 'fflate'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import tar from 'tar-stream'

const OUT = new URL('../examples/formats-bucket/', import.meta.url).pathname
const MTIME = new Date('2026-01-15T09:30:00Z')

async function pdf(pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create()
  doc.setCreationDate(MTIME)
  doc.setModificationDate(MTIME)
  const font = await doc.embedFont(StandardFonts.Helvetica)
  for (const lines of pages) {
    const page = doc.addPage([595, 842])
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }))
  }
  return Buffer.from(await doc.save())
}

function docx(paragraphs: string[]): Buffer {
  const ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('')
  return Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': strToU8(
          '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
        '_rels/.rels': strToU8(
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
        'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${ns}><w:body>${body}</w:body></w:document>`),
      },
      { mtime: MTIME },
    ),
  )
}

async function xlsx(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.created = MTIME
  book.modified = MTIME
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name)
    for (const row of rows) sheet.addRow(row)
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

function parquet(): Buffer {
  return Buffer.from(
    parquetWriteBuffer({
      columnData: [
        { name: 'customer_id', data: [1001, 1002, 1003], type: 'INT32' },
        { name: 'name', data: ['Ana Lopez', 'Bo Chen', 'Cy Diaz'], type: 'STRING' },
        { name: 'ssn', data: ['', '536-22-8741', ''], type: 'STRING' },
      ],
      codec: 'SNAPPY',
    }),
  )
}

async function avroFile(): Promise<Buffer> {
  const type = avro.Type.forSchema({
    type: 'record',
    name: 'Payment',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'card', type: { type: 'record', name: 'Card', fields: [{ name: 'number', type: 'string' }, { name: 'holder', type: 'string' }] } },
    ],
  })
  const encoder = new avro.streams.BlockEncoder(type, { codec: 'deflate', syncMarker: Buffer.from('trawl-formats-01') })
  const chunks: Buffer[] = []
  encoder.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise((resolve) => encoder.on('end', resolve))
  encoder.write({ id: 1, card: { number: '5500 0000 0000 0004', holder: 'nobody' } })
  encoder.write({ id: 2, card: { number: '4556 7375 8689 9855', holder: 'Ana Lopez' } })
  encoder.end()
  await done
  return Buffer.concat(chunks)
}

function eml(attachment: Buffer): Buffer {
  const b64 = attachment.toString('base64').replace(/.{76}/g, '$&\r\n')
  return Buffer.from(
    [
      'From: Payroll <payroll@example.com>',
      'To: Ana Lopez <ana.lopez@example.com>',
      'Subject: Your payroll record',
      'Date: Thu, 15 Jan 2026 09:30:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hello Ana,',
      'your social security number on file is SSN 536-22-8741.',
      '',
      '--b1',
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name="payroll.xlsx"',
      'Content-Disposition: attachment; filename="payroll.xlsx"',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--b1--',
      '',
    ].join('\r\n'),
  )
}

function tarOf(files: Record<string, Buffer>): Promise<Buffer> {
  const pack = tar.pack()
  const chunks: Buffer[] = []
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer))
  const done = new Promise<Buffer>((resolve) => pack.on('end', () => resolve(Buffer.concat(chunks))))
  for (const [name, data] of Object.entries(files)) pack.entry({ name, size: data.length, mtime: MTIME }, data)
  pack.finalize()
  return done
}

async function encryptedZip(): Promise<Buffer> {
  configure({ useWebWorkers: false })
  const writer = new ZipWriter(new Uint8ArrayWriter())
  await writer.add('passwords.txt', new Uint8ArrayReader(strToU8('ssn 536-22-8741\n')), { password: 'not-here', lastModDate: MTIME })
  return Buffer.from(await writer.close())
}

// A 1×1 PNG.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex')

async function main(): Promise<void> {
  await rm(OUT, { recursive: true, force: true })
  await mkdir(OUT, { recursive: true })
  const files: Record<string, Buffer> = {}
  files['report.pdf'] = await pdf([['Quarterly report', 'Nothing to see on this page.'], ['Employee record', 'SSN: 536-22-8741']])
  const broken = await pdf([['SSN: 536-22-8741']])
  files['broken.pdf'] = Buffer.concat([broken.subarray(0, 9), Buffer.alloc(broken.length - 9, 0x20)])
  files['contract.docx'] = docx(['Service contract', 'Payment terms: monthly.', 'Visa credit card number 4556 7375 8689 9855 on file.'])
  const workbook = await xlsx({ Staff: [['name', 'ssn'], ['Bo Chen', 'n/a'], ['Ana Lopez', '536-22-8741']] })
  files['payroll.xlsx'] = workbook
  files['customers.parquet'] = parquet()
  files['payments.avro'] = await avroFile()
  files['payroll-mail.eml'] = eml(workbook)
  files['profile.html'] = Buffer.from(
    ['<!DOCTYPE html>', '<html>', '<body>', '  <form>', '    <label>SSN</label> <input name="ssn" value="536-22-8741">', '  </form>', '</body>', '</html>', ''].join('\n'),
  )
  files['settings.yaml'] = Buffer.from(['billing:', '  owner: Ana Lopez', '  credit_card_number: "4556 7375 8689 9855"', ''].join('\n'))
  files['notes-latin1.txt'] = Buffer.from('Résumé of Zoë Müller\nCrédito: card number 4556 7375 8689 9855\n', 'latin1')
  files['notes-utf16.txt'] = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Notes\r\nSSN 536-22-8741\r\n', 'utf16le')])
  const deep = zipSync({ 'deep.csv': strToU8('name,ssn\nAna Lopez,536-22-8741\n') }, { mtime: MTIME })
  const outer = zipSync({ 'inner.zip': deep, 'readme.txt': strToU8('nothing here\n') }, { mtime: MTIME })
  files['bundle.tar.gz'] = gzipSync(await tarOf({ 'outer.zip': Buffer.from(outer), 'docs/contract.docx': files['contract.docx'] }))
  files['locked.zip'] = await encryptedZip()
  files['logo.png'] = PNG
  // A PDF named .txt: read as what it is.
  files['invoice.txt'] = await pdf([['Invoice', 'Card number 4556 7375 8689 9855']])
  for (const [name, data] of Object.entries(files)) await writeFile(join(OUT, name), data)
  console.log(`wrote ${Object.keys(files).length} objects to ${OUT}`)
}

await main()
