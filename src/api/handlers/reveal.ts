// Placeholder: filled in by the reveal operations.
import type { Handler } from '../context.js'

/** The reveal operations. */
export const revealHandlers: Record<string, Handler> = {}
