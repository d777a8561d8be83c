/** A command line that cannot be carried out as given (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
