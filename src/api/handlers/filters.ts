// Placeholder: filled in next.
import type { Handler } from '../context.js'

/** Operations of this group. */
export const filterHandlers: Record<string, Handler> = {}
