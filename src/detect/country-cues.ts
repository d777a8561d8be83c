// Country cues: when identifiers of one kind from different countries (passport numbers, phone
// numbers, driver's licences) match the very same text, words near it that name a country or
// speak its language decide which one it is. Without a cue all of them are reported, as Macie does.
import { escapeRegExp } from './keywords.js'

/** Words (matched case-insensitively as whole words) that point at a country. */
export const COUNTRY_CUES: Readonly<Record<string, readonly string[]>> = {
  US: ['us', 'u.s.', 'usa', 'u.s.a.', 'united states', 'american', 'america', 'ssa', 'irs'],
  Canada: ['canada', 'canadian', 'canadien', 'canadienne', 'ontario', 'quebec', 'québec', 'alberta', 'british columbia', 'manitoba', 'nova scotia'],
  UK: ['uk', 'u.k.', 'gb', 'gbr', 'united kingdom', 'great britain', 'britain', 'british', 'england', 'english', 'scotland', 'scottish', 'wales', 'welsh', 'northern ireland', 'hm passport office', 'hmpo', 'dvla', 'hmrc', 'nhs'],
  France: ['france', 'french', 'français', 'française', 'république française', 'téléphone', 'portable', 'numéro', 'fixe', 'joindre', 'appeler'],
  Germany: ['germany', 'german', 'deutschland', 'deutsch', 'deutsche', 'bundesrepublik', 'telefon', 'rufnummer', 'handy', 'festnetz', 'mobilnummer', 'erreichbar'],
  Italy: ['italy', 'italian', 'italia', 'italiano', 'italiana', 'repubblica italiana', 'telefono', 'cellulare', 'recapito', 'chiamare', 'numero di telefono'],
  Spain: ['spain', 'spanish', 'españa', 'español', 'española', 'teléfono', 'móvil', 'llamar', 'contactar'],
  Brazil: ['brazil', 'brazilian', 'brasil', 'brasileiro', 'brasileira', 'telefone', 'celular', 'ligar', 'contato'],
  Australia: ['australia', 'australian', 'ato'],
}

/** Country prefixes of Macie's IDs: `UK_PHONE_NUMBER` and `PHONE_NUMBER` are one family. */
const PREFIX = /^(?:USA|US|UK|CANADA|FRANCE|GERMANY|ITALY|SPAIN|BRAZIL|AUSTRALIA)_/

/** The kind of data an identifier finds, without its country: `UK_PASSPORT_NUMBER` → `PASSPORT_NUMBER`. */
export function identifierFamily(id: string): string {
  return id.replace(PREFIX, '')
}

/** A case-insensitive whole-word regex for the cues of some countries (undefined if none). */
export function cueRegExp(countries: readonly string[]): RegExp | undefined {
  const words = countries.flatMap((c) => COUNTRY_CUES[c] ?? [])
  if (words.length === 0) return undefined
  const alternatives = [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu')
}
