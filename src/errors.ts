// Domain errors: they carry facts, not HTTP. Only the API maps them to Macie's error names.

/** A request or definition that breaks a rule (Macie answers ValidationException). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError'
}

/** A resource that does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError'
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`${resource} ${id} was not found`)
  }
}
