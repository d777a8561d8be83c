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

/** A request that conflicts with the resource's state (Macie answers ConflictException). */
export class ConflictError extends Error {
  override readonly name = 'ConflictError'
}

/** A caller that may not do this (Macie answers AccessDeniedException). */
export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError'
}

/** A well-formed request about a resource this operation cannot process (Macie answers UnprocessableEntityException). */
export class UnprocessableError extends Error {
  override readonly name = 'UnprocessableError'
}

/** A quota that would be exceeded (Macie answers ServiceQuotaExceededException). */
export class QuotaExceededError extends Error {
  override readonly name = 'QuotaExceededError'
}

/** Macie is not enabled for the account in the region (Macie answers with its not-enabled error). */
export class NotEnabledError extends Error {
  override readonly name = 'NotEnabledError'
  constructor(readonly region: string) {
    super('Macie is not enabled')
  }
}
