/**
 * INSEE NIR (numéro de sécurité sociale) check: sex 1 or 2, birth month 01–12, 20–42 or 50–99
 * (INSEE's fictitious months), department 01–99, 2A or 2B, order number not 000, and a key of
 * 97 − (first 13 digits mod 97), with Corsica's 2A read as 19 and 2B as 18. Spaces are ignored.
 */
export function franceNir(value: string): boolean {
  const s = value.replace(/ /g, '').toUpperCase()
  if (!/^[12][0-9]{4}(?:[0-9]{2}|2[AB])[0-9]{8}$/.test(s)) return false
  const month = Number(s.slice(3, 5))
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) return false
  const department = s.slice(5, 7)
  if (department === '00' || s.slice(10, 13) === '000') return false
  const body = s.slice(0, 5) + (department === '2A' ? '19' : department === '2B' ? '18' : department) + s.slice(7, 13)
  return Number(s.slice(13)) === 97 - Number(BigInt(body) % 97n)
}
