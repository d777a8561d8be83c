// Placeholder: filled in by the members operations.
import type { Handler } from '../context.js'

/** The members operations. */
export const memberHandlers: Record<string, Handler> = {}
