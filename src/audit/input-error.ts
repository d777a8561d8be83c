/** An audit asked for something that cannot be (an unknown rule, a malformed region); the CLI answers it with exit code 2. */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError'
}
