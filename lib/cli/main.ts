#!/usr/bin/env node
/** The `sourcetrace` executable: runs the program and turns any surprise into one line. */
import { main } from './program.js';

// `sourcetrace ... | head` closes the pipe early: stop quietly, as other Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

try {
  process.exitCode = await main(process.argv);
} catch (e) {
  // Last line of defence: one line, no stack trace (set SOURCETRACE_DEBUG=1 to see it).
  process.stderr.write(`sourcetrace: internal error: ${(e as Error).message}\n`);
  if (process.env.SOURCETRACE_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
  process.exitCode = 3;
}
