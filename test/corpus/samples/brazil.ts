// Corpus samples for the Brazilian personal identifiers.
import { cnpjCheckDigits, cpfCheckDigits, rgSpCheckDigit } from '../../../src/detect/validators/brazil-ids.js'
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

function cpfDigits(rng: Rng): string {
  const first9 = String(rng.int(1_000_000, 987_654_320)).padStart(9, '0')
  return first9 + cpfCheckDigits(first9)
}

function cpf(rng: Rng): string {
  const d = cpfDigits(rng)
  return rng.pick([`${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`, d])
}

function cnpj(rng: Rng): string {
  // Below 30: fourteen bare digits starting 30, 36 or 38 can also read as a Diners Club card number.
  const first12 = String(rng.int(1_000_000, 29_999_999)).padStart(8, '0') + String(rng.int(1, 3)).padStart(4, '0')
  const d = first12 + cnpjCheckDigits(first12)
  return rng.pick([`${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`, d])
}

function rg(rng: Rng): string {
  const d = String(rng.int(10_000_000, 59_999_999))
  const c = rgSpCheckDigit(d)
  return rng.pick([`${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5)}-${c}`, `${d}${c}`])
}

function cep(rng: Rng): string {
  const d = String(rng.int(1_001_000, 99_989_999)).padStart(8, '0')
  return rng.pick([`${d.slice(0, 5)}-${d.slice(5)}`, d])
}

const AREA_CODES = ['11', '19', '21', '27', '31', '41', '48', '51', '61', '62', '71', '81', '85', '91', '92']

/** A +55 number: a mobile (9 and eight digits) or a fixed line (eight digits starting 2–5). */
function phone(rng: Rng): string {
  const ddd = rng.pick(AREA_CODES)
  return rng.pick([
    () => `+55 ${ddd} 9${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
    () => `+55 (${ddd}) 9${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
    () => `+55 ${ddd} ${rng.int(2, 5)}${rng.int(100, 999)}-${rng.int(1000, 9999)}`,
    () => `+55${ddd}9${rng.int(10_000_000, 99_999_999)}`,
  ])()
}

/** Brazilian samples. */
export const brazilSamples: readonly IdentifierSamples[] = [
  {
    id: 'BRAZIL_CPF_NUMBER',
    positive: (rng) => {
      const value = cpf(rng)
      return { text: `${rng.pick(['CPF:', 'CPF', 'Cadastro de Pessoas Físicas'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['cpf', 'cliente_cpf', 'CPF']), value: cpf(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const d = cpfDigits(rng)
          return `CPF ${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d[9]}${(Number(d[10]) + rng.int(1, 9)) % 10}`
        },
        () => {
          const d = String(rng.int(0, 9))
          return `CPF ${d.repeat(3)}.${d.repeat(3)}.${d.repeat(3)}-${d.repeat(2)}`
        },
        () => 'CPF 123.456.789-09',
        () => `pedido ${cpfDigits(rng).replace(/^(...)(...)(...)/, '$1.$2.$3-')} enviado`,
      ])(),
  },
  {
    id: 'BRAZIL_CNPJ_NUMBER',
    positive: (rng) => {
      const value = cnpj(rng)
      return { text: `${rng.pick(['CNPJ:', 'CNPJ', 'Cadastro Nacional da Pessoa Jurídica'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['cnpj', 'fornecedor_cnpj', 'CNPJ']), value: cnpj(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const first12 = String(rng.int(10_000_000, 29_999_999)) + '0001'
          const check = cnpjCheckDigits(first12)
          return `CNPJ ${first12}${check[0]}${(Number(check[1]) + rng.int(1, 9)) % 10}`
        },
        () => 'CNPJ 12.345.678/0001-95',
        () => `pedido ${cnpj(rng)} enviado`,
      ])(),
  },
  {
    id: 'BRAZIL_RG_NUMBER',
    positive: (rng) => {
      const value = rg(rng)
      return { text: `${rng.pick(['RG:', 'RG', 'Registro Geral'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['rg', 'cliente_rg', 'registro_geral']), value: rg(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const d = String(rng.int(10_000_000, 59_999_999))
          const c = rgSpCheckDigit(d)
          return `RG ${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5)}-${c === 'X' ? '0' : (Number(c) + 1) % 10}`
        },
        () => 'RG 12.345.678-9',
        () => `protocolo ${rg(rng)} arquivado`,
      ])(),
  },
  {
    id: 'BRAZIL_CEP_CODE',
    positive: (rng) => {
      const value = cep(rng)
      return { text: `${rng.pick(['CEP:', 'CEP', 'Código postal'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['cep', 'endereco_cep', 'CEP']), value: cep(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `CEP 00${rng.int(100, 999)}-${rng.int(100, 999)}`,
        () => 'CEP 00000-000',
        () => `pedido ${cep(rng)} enviado`,
      ])(),
  },
  {
    id: 'BRAZIL_PHONE_NUMBER',
    // The +55 form needs no keyword; a bare national number next to "phone" would also have the
    // shape of other countries' numbers.
    positive: (rng) => {
      const value = phone(rng)
      return { text: rng.pick([`Ligue para ${value} após as 18h`, `Whatsapp ${value}`, `Atendimento ${value}`]), value }
    },
    labelled: (rng) => ({ label: rng.pick(['telefone', 'celular', 'phone', 'fone_contato']), value: phone(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Ligue para +55 (20) 9${rng.int(1000, 9999)}-${rng.int(1000, 9999)}`,
        () => `Ligue para +55 ${rng.pick(AREA_CODES)} 8${rng.int(100, 999)}-${rng.int(1000, 9999)}`,
        () => `pedido ${rng.pick(AREA_CODES)}9${rng.int(10_000_000, 99_999_999)} enviado`,
      ])(),
  },
]
