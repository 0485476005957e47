// Preloaded (NODE_OPTIONS=--require) by test/robustness/memory.test.ts: the largest size V8's young
// generation reached, written to stderr at exit.
const v8 = require('node:v8');
let max = 0;
const timer = setInterval(() => {
  const size = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
  if (size > max) max = size;
}, 5);
timer.unref();
process.on('exit', () => process.stderr.write(`young generation at most ${max} bytes\n`));
