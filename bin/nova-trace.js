#!/usr/bin/env node
// `--version` alone is answered before the command line (dist/bundle/, see scripts/build.mjs) is
// even loaded: the start-up budget is 100 ms, Node itself takes 40-65 ms of it.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { VERSION } = await import('../dist/version.js');
  process.stdout.write(VERSION + '\n');
} else {
  await import('../dist/bundle/run.js');
}
