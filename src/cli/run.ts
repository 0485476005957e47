// Process entry: the only place that reads process.* and sets the exit code.
import { fstatSync } from 'node:fs';
import { VERSION } from '../version.js';

function stdinIsPiped(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    return false;
  }
}

// Writing into a closed pipe (`nova-trace list | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

// `--version` alone answers before commander and the commands are even loaded (startup budget).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(VERSION + '\n');
  process.exit(0);
}

const { main } = await import('./main.js');
const code = await main({
  argv: args,
  env: process.env,
  stdin: process.stdin,
  stdinIsPiped: stdinIsPiped(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  columns: process.stdout.columns ?? 120,
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
});
process.exitCode = code;
