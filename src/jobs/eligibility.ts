// Which listed objects a job analyses at all (MACIE.md §5.1–5.2): the storage classes Macie
// reads, and the media and binary extensions it never reads, both decided without a GET.
import { objectExtension } from './scope.js'

/** Storage classes Macie analyses; GLACIER, DEEP_ARCHIVE, OUTPOSTS and EXPRESS_ONEZONE it does not. */
export const ANALYSABLE_STORAGE_CLASSES: ReadonlySet<string> = new Set([
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER_IR',
])

/** Macie's result reason for an object in a storage class it does not analyse. */
export const UNSUPPORTED_STORAGE_REASON = 'INVALID_OBJECT_STATE' as const

/** Macie's result reason for an object of a type it does not analyse. */
export const UNSUPPORTED_TYPE_REASON = 'UNSUPPORTED_FILE_TYPE_EXCEPTION' as const

/**
 * Extensions (lower case, no dot) never analysed: images, audio, video, fonts and executables or
 * other compiled binaries. Macie goes further and analyses only the extensions it lists; trawl
 * sniffs content instead (src/extract/sniff.ts), because objects in buckets often have no or
 * misleading extensions (exports named by date or hash, `.log.1`, `.dat`) and still hold text.
 * Only extensions that certainly name non-text content are skipped up front, saving the GET;
 * containers that may hold text (.jar, .apk, .docm…) are left to the sniffer.
 */
export const NEVER_ANALYSED_EXTENSIONS: ReadonlySet<string> = new Set([
  // images (SVG is XML text and is read)
  'jpg', 'jpeg', 'jpe', 'jfif', 'png', 'gif', 'bmp', 'tif', 'tiff', 'webp', 'heic', 'heif', 'avif', 'ico', 'icns',
  'psd', 'cr2', 'nef', 'arw', 'dng',
  // audio
  'mp3', 'wav', 'flac', 'aac', 'ogg', 'oga', 'opus', 'm4a', 'wma', 'aif', 'aiff', 'mid', 'midi', 'amr',
  // video
  'mp4', 'm4v', 'mov', 'avi', 'mkv', 'webm', 'wmv', 'flv', 'mpg', 'mpeg', 'm2ts', 'mts', '3gp', 'ogv',
  // fonts
  'ttf', 'otf', 'woff', 'woff2', 'eot',
  // executables, libraries, object code, bytecode, disk images
  'exe', 'dll', 'sys', 'msi', 'so', 'dylib', 'o', 'a', 'lib', 'class', 'pyc', 'pyo', 'wasm', 'elf', 'bin',
  'dmg', 'iso', 'img', 'vmdk', 'qcow2',
])

/**
 * Whether Macie analyses objects of a storage class. No class (local folders, stores that omit
 * it) is S3's default, STANDARD.
 * @example
 * isAnalysableStorageClass('DEEP_ARCHIVE') // false
 */
export function isAnalysableStorageClass(storageClass: string | undefined): boolean {
  return storageClass === undefined || storageClass === '' || ANALYSABLE_STORAGE_CLASSES.has(storageClass)
}

/**
 * Whether a file name extension (no dot, any case) names a type never analysed.
 * @example
 * isNeverAnalysedExtension('MP4') // true
 */
export function isNeverAnalysedExtension(extension: string): boolean {
  return NEVER_ANALYSED_EXTENSIONS.has(extension.toLowerCase())
}

/**
 * Whether an object's key names a type never analysed, by its extension.
 * @example
 * isNeverAnalysedKey('photos/IMG_0001.JPG') // true
 */
export function isNeverAnalysedKey(key: string): boolean {
  return isNeverAnalysedExtension(objectExtension(key))
}

/**
 * Why a listed object is skipped without being read, in Macie's result reasons, or undefined
 * when it is to be analysed.
 * @example
 * skipReason({ key: 'a.csv', storageClass: 'GLACIER' }) // 'INVALID_OBJECT_STATE'
 */
export function skipReason(object: { key: string; storageClass?: string }): typeof UNSUPPORTED_STORAGE_REASON | typeof UNSUPPORTED_TYPE_REASON | undefined {
  if (!isAnalysableStorageClass(object.storageClass)) return UNSUPPORTED_STORAGE_REASON
  if (isNeverAnalysedKey(object.key)) return UNSUPPORTED_TYPE_REASON
  return undefined
}
