// Classification jobs: CreateClassificationJob, DescribeClassificationJob, ListClassificationJobs,
// UpdateClassificationJob — the job service's operations, as the API names them.
import type { Handler } from '../context.js'

/** Job operations. */
export const jobHandlers: Record<string, Handler> = {
  async CreateClassificationJob(input, scope, ctx) {
    return ctx.jobs.create(scope, input)
  },

  async DescribeClassificationJob(input, scope, ctx) {
    return ctx.jobs.describe(scope, input.jobId as string)
  },

  async ListClassificationJobs(input, scope, ctx) {
    return ctx.jobs.list(scope, input)
  },

  async UpdateClassificationJob(input, scope, ctx) {
    await ctx.jobs.updateStatus(scope, input.jobId as string, input.jobStatus as string)
    return {}
  },
}
