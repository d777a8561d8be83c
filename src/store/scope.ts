/** The tenancy of a row: a 12-digit account ID and a region. */
export interface Scope {
  accountId: string
  region: string
}
