// Placeholder: filled in by the discovery operations.
import type { Handler } from '../context.js'

/** The discovery operations. */
export const discoveryHandlers: Record<string, Handler> = {}
