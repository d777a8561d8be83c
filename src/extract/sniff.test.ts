import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sniffFormat } from './sniff.js'
import { ExtractError } from './types.js'

const bytes = (...b: number[]): Buffer => Buffer.from(b)
const text = (s: string): Buffer => Buffer.from(s)

const supported: Array<[name: string, head: Buffer, extension: string, format: string, mimeType: string]> = [
  ['plain text', text('notes\n'), 'txt', 'text', 'text/plain'],
  ['no extension', text('notes\n'), '', 'text', 'text/plain'],
  ['unknown extension', text('notes\n'), 'dat', 'text', 'text/plain'],
  ['empty object', Buffer.alloc(0), 'txt', 'text', 'text/plain'],
  ['CSV', text('name,ssn\n'), 'csv', 'csv', 'text/csv'],
  ['TSV', text('name\tssn\n'), 'tsv', 'csv', 'text/tab-separated-values'],
  ['JSON', text('{"a": 1}'), 'json', 'json', 'application/json'],
  ['JSON Lines', text('{"a": 1}\n'), 'jsonl', 'jsonl', 'application/x-ndjson'],
  ['NDJSON', text('{"a": 1}\n'), 'ndjson', 'jsonl', 'application/x-ndjson'],
  ['malformed JSON is still JSON', text('{oops'), 'json', 'json', 'application/json'],
  ['JSON content, unknown extension', text('  \n{"a": 1,\n "b": 2}'), 'dat', 'json', 'application/json'],
  ['JSON array, no extension', text('[1, 2]'), '', 'json', 'application/json'],
  ['JSON Lines content, unknown extension', text('{"a": 1}\n{"a": 2}\n'), 'log2', 'jsonl', 'application/x-ndjson'],
  ['JSON content in a .txt is text', text('{"a": 1}'), 'txt', 'text', 'text/plain'],
  ['UTF-16LE text with NUL bytes', Buffer.concat([bytes(0xff, 0xfe), Buffer.from('notes\n', 'utf16le')]), 'txt', 'text', 'text/plain'],
  ['UTF-16BE JSON content', Buffer.concat([bytes(0xfe, 0xff), Buffer.from('{"a":1}', 'utf16le').swap16()]), '', 'json', 'application/json'],
  ['BOM-less UTF-16LE CSV', Buffer.from('name,ssn\n', 'utf16le'), 'csv', 'csv', 'text/csv'],
  ['text that starts like a signature word', text('PK is a primary key\n'), 'txt', 'text', 'text/plain'],
  ['CSV with "ustar" at byte 257 (in "mustard")', text(`item,note\n${'x,'.repeat(122)}x,mustard seeds\n`), 'csv', 'csv', 'text/csv'],
  ['PDF', text('%PDF-1.7\n%âãÏÓ\n'), 'pdf', 'pdf', 'application/pdf'],
  ['PDF named .txt', text('%PDF-1.4\n'), 'txt', 'pdf', 'application/pdf'],
  ['ZIP', Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00), text('notes/a.txt')]), 'zip', 'zip', 'application/zip'],
  ['DOCX by its parts', Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), text('[Content_Types].xml....word/document.xml')]), 'zip', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['XLSX by its parts', Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), text('[Content_Types].xml....xl/workbook.xml')]), 'bin', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['OOXML parts not in the head, named .docx', Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), text('[Content_Types].xml')]), 'docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['a ZIP named .docx is a ZIP', Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), text('data/a.csv')]), 'docx', 'zip', 'application/zip'],
  ['GZIP', bytes(0x1f, 0x8b, 0x08, 0x00), 'gz', 'gzip', 'application/gzip'],
  ['Parquet', text('PAR1\x15\x04'), 'parquet', 'parquet', 'application/vnd.apache.parquet'],
  ['Avro', text('Obj\x01\x04'), 'avro', 'avro', 'application/avro'],
  ['TAR', Buffer.concat([Buffer.alloc(257, 0x61), text('ustar\x0000')]), 'tar', 'tar', 'application/x-tar'],
  ['GNU TAR', Buffer.concat([Buffer.alloc(257, 0x61), text('ustar  \x00')]), 'tar', 'tar', 'application/x-tar'],
  ['HTML by extension', text('<p>hello</p>'), 'html', 'html', 'text/html'],
  ['HTML by content', text('<!DOCTYPE html>\n<html>'), 'dat', 'html', 'text/html'],
  ['XML by content', text('<?xml version="1.0"?>\n<people/>'), '', 'xml', 'application/xml'],
  ['XHTML by content', text('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'), '', 'html', 'text/html'],
  ['XML in a .txt is text', text('<?xml version="1.0"?>'), 'txt', 'text', 'text/plain'],
  ['e-mail by extension', text('From: a@example.com\n\nhi'), 'eml', 'eml', 'message/rfc822'],
  ['e-mail by content', text('Received: from x\n\tby y\nFrom: a@example.com\nSubject: hi\n\nbody\n'), '', 'eml', 'message/rfc822'],
  ['a log line with a colon is not an e-mail', text('Date: 2026-01-01 starting\nok\n'), '', 'text', 'text/plain'],
]

const unsupported: Array<[name: string, head: Buffer, extension: string]> = [
  ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'png'],
  ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0), 'jpg'],
  ['GIF', text('GIF89a'), 'gif'],
  ['ELF', bytes(0x7f, 0x45, 0x4c, 0x46, 0x02), ''],
  ['OLE2 (XLS)', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), 'xls'],
  ['7-Zip', bytes(0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c), '7z'],
  ['binary with NUL bytes', bytes(0x01, 0x02, 0x00, 0x03, 0x41, 0x42), 'csv'],
]

describe('sniffFormat', () => {
  for (const [name, head, extension, format, mimeType] of supported) {
    it(name, () => assert.deepEqual(sniffFormat(head, extension), { format, mimeType }))
  }
  for (const [name, head, extension] of unsupported) {
    it(`${name} is unsupported`, () => {
      assert.throws(
        () => sniffFormat(head, extension),
        (err: unknown) => err instanceof ExtractError && err.reason === 'UNSUPPORTED_FILE_TYPE_EXCEPTION',
      )
    })
  }
})
