// Entry point of the trawl command (bin/trawl.js runs the built copy of this file).
import { main } from './main.js'

// A closed pipe (`trawl scan … | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw err
})
process.exitCode = await main(process.argv)
