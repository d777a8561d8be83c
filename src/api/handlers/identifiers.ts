// Placeholder: filled in next.
import type { Handler } from '../context.js'

/** Operations of this group. */
export const identifierHandlers: Record<string, Handler> = {}
