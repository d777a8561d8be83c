// PDF.js and hyparquet can leave an internal promise rejected with no handler when a file is
// damaged (PDF.js: a bad xref entry found while a page is already failing; hyparquet: a second
// broken column of a row group). The error that matters reaches the extractor through the promise
// it awaits; the stray copy would end the process (Node's default for unhandled rejections).
// This guard drops rejections raised inside those libraries and leaves every other one fatal.

const LIBRARY_FRAME = /[\\/]node_modules[\\/](?:unpdf|hyparquet|hyparquet-compressors)[\\/]/
const PDFJS_EXCEPTIONS = new Set([
  'XRefEntryException', 'XRefParseException', 'ParserEOFException', 'FormatError', 'InvalidPDFException',
  'MissingDataException', 'UnknownErrorException', 'UnexpectedResponseException', 'PasswordException', 'AbortException',
])

let isInstalled = false

/** True for a rejection raised inside PDF.js or hyparquet. */
export function isLibraryStray(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false
  return PDFJS_EXCEPTIONS.has(reason.name) || LIBRARY_FRAME.test(reason.stack ?? '')
}

/**
 * Installs, once per thread, the guard that drops stray rejections of PDF.js and hyparquet;
 * any other unhandled rejection is rethrown and ends the process as it would without it.
 * @example
 * guardStrayRejections()
 */
export function guardStrayRejections(): void {
  if (isInstalled) return
  isInstalled = true
  process.on('unhandledRejection', (reason) => {
    if (isLibraryStray(reason)) return
    throw reason
  })
}
