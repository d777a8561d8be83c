#!/usr/bin/env node
// The trawl command. `npm ci` builds dist/ through the prepare script.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
const { main } = await import('../dist/cli/main.js')
process.exitCode = await main(process.argv)
