// Entry point of the trawl command (bin/trawl.js runs the built copy of this file).
import { main } from './main.js'

// The AWS SDK warns on every client that Node 20 will lose support; trawl pins versions that run here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

// A closed pipe (`trawl scan … | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw err
})
process.exitCode = await main(process.argv)
