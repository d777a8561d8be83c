#!/usr/bin/env node
// The trawl command. `npm ci` builds dist/ through the prepare script.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
// A closed pipe (`trawl scan … | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw err
})
const { main } = await import('../dist/cli/main.js')
process.exitCode = await main(process.argv)
