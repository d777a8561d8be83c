// GetSensitiveDataOccurrences and GetSensitiveDataOccurrencesAvailability; the work is jobs/reveal.ts'.
import { requestSensitiveDataOccurrences, sensitiveDataOccurrencesAvailability } from '../../jobs/reveal.js'
import type { Handler } from '../context.js'

/** The reveal operations. */
export const revealHandlers: Record<string, Handler> = {
  async GetSensitiveDataOccurrences(input, scope, ctx) {
    return requestSensitiveDataOccurrences(ctx, scope, String(input.findingId))
  },

  async GetSensitiveDataOccurrencesAvailability(input, scope, ctx) {
    const { code, reasons } = await sensitiveDataOccurrencesAvailability(ctx, scope, String(input.findingId))
    // The model: reasons is null when samples can be retrieved.
    return code === 'AVAILABLE' ? { code } : { code, reasons }
  },
}
