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
  Australia: [
    'australia', 'australian', 'ato', 'new south wales', 'nsw', 'victoria', 'vicroads', 'queensland', 'qld',
    'south australia', 'western australia', 'tasmania', 'northern territory', 'austroads',
  ],
  Austria: ['austria', 'austrian', 'österreich', 'osterreich', 'oesterreich', 'österreichisch', 'österreichischer', 'republik österreich'],
  Belgium: ['belgium', 'belgian', 'belgique', 'belgië', 'belgie', 'belgien', 'belge', 'belgisch', 'belgische', 'belgischer'],
  Bulgaria: ['bulgaria', 'bulgarian', 'българия', 'български', 'българска', 'република българия', 'сумпс', 'шофьорска книжка'],
  Croatia: ['croatia', 'croatian', 'hrvatska', 'republika hrvatska', 'hrvatski', 'hrvatske', 'vozačka dozvola', 'vozacka dozvola'],
  Cyprus: ['cyprus', 'cypriot', 'κύπρος', 'κύπρου', 'κυπριακή', 'κυπριακή δημοκρατία'],
  'Czech Republic': [
    'czech', 'czechia', 'czech republic', 'česko', 'česká republika', 'ceska republika', 'český', 'česká', 'řidičský průkaz',
    'řidičského průkazu', 'ridicsky prukaz',
  ],
  Denmark: ['denmark', 'danish', 'danmark', 'dansk', 'danske', 'kørekort', 'kørekortnummer', 'korekort'],
  Estonia: ['estonia', 'estonian', 'eesti', 'eesti vabariik', 'juhiluba', 'juhiloa', 'isikukood'],
  Finland: ['finland', 'finnish', 'suomi', 'suomen', 'suomalainen', 'ajokortti', 'ajokortin', 'henkilötunnus', 'hetu'],
  Greece: ['greece', 'greek', 'hellenic', 'ελλάδα', 'ελλάδας', 'ελληνική', 'ελληνική δημοκρατία', 'adeia odigisis'],
  Hungary: ['hungary', 'hungarian', 'magyarország', 'magyar', 'magyarorszag', 'jogosítvány', 'jogositvany', 'jogsi', 'vezetői engedély'],
  Ireland: ['ireland', 'irish', 'éire', 'eire', 'ndls', 'ceadúnas tiomána', 'ceadunas tiomana'],
  Latvia: ['latvia', 'latvian', 'latvija', 'latvijas', 'latvijas republika', 'csdd', 'vadītāja apliecība', 'personas kods'],
  Lithuania: ['lithuania', 'lithuanian', 'lietuva', 'lietuvos', 'lietuvos respublika', 'regitra', 'vairuotojo pažymėjimas', 'asmens kodas'],
  Luxembourg: ['luxembourg', 'luxembourgish', 'lëtzebuerg', 'letzebuerg', 'luxemburg', 'luxemburger', 'führerschäin', 'fahrerlaubnis'],
  Malta: ['malta', 'maltese', "repubblika ta' malta", 'transport malta', 'liċenzja tas-sewqan', 'licenzja tas-sewqan'],
  Netherlands: ['netherlands', 'dutch', 'nederland', 'nederlandse', 'nederlands', 'holland', 'rdw', 'cbr'],
  Poland: ['poland', 'polish', 'polska', 'polski', 'polskie', 'rzeczpospolita polska', 'prawo jazdy'],
  Portugal: ['portugal', 'portuguese', 'português', 'portuguesa', 'república portuguesa', 'imt', 'carta de condução', 'carta de conducao'],
  Romania: ['romania', 'romanian', 'românia', 'română', 'româna', 'permis de conducere', 'drpciv', 'cnp'],
  Slovakia: ['slovakia', 'slovak', 'slovensko', 'slovenská republika', 'slovenský', 'vodičský preukaz', 'vodičského preukazu', 'vodicsky preukaz'],
  Slovenia: ['slovenia', 'slovenian', 'slovenija', 'republika slovenija', 'slovenski', 'vozniško dovoljenje', 'voznisko dovoljenje', 'emšo', 'emso'],
  India: ['india', 'indian', 'bharat', 'parivahan'],
  Sweden: ['sweden', 'swedish', 'sverige', 'svensk', 'svenskt', 'svenska', 'transportstyrelsen', 'körkortsnummer', 'personnummer'],
}

/** Country prefixes of Macie's IDs: `UK_PHONE_NUMBER` and `PHONE_NUMBER` are one family. */
const PREFIX = new RegExp(
  '^(?:' +
    'USA|US|UK|CANADA|FRANCE|GERMANY|ITALY|SPAIN|BRAZIL|AUSTRALIA|AUSTRIA|BELGIUM|BULGARIA|CROATIA|CYPRUS|CZECHIA|DENMARK|' +
    'ESTONIA|FINLAND|GREECE|HUNGARY|INDIA|IRELAND|LATVIA|LITHUANIA|LUXEMBOURG|MALTA|NETHERLANDS|POLAND|PORTUGAL|ROMANIA|' +
    'SLOVAKIA|SLOVENIA|SWEDEN' +
    ')_',
)

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
