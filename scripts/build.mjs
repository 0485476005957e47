// Compiles src/ with tsc, copies the data files (model definitions) beside the output, and writes the
// validated built-in models as one file (dist/models/builtin.json, see src/models/load.ts). Kept as a
// script rather than a chain of shell commands so that it runs the same on every platform.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

// Build into a private folder and swap it in, so that a binary running meanwhile (tests spawn it)
// never sees a half-written or missing dist/.
const out = join(root, `dist.tmp-${process.pid}`);
rmSync(out, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', out], { stdio: 'inherit' });
  const dataDirs = ['models/defs'];
  for (const dir of dataDirs) {
    const from = join(root, 'src', dir);
    if (existsSync(from)) cpSync(from, join(out, dir), { recursive: true });
  }
  execFileSync(
    process.execPath,
    ['--input-type=module', '-e', 'const m = await import(process.argv[1]); m.writeBuiltinCache();', pathToFileURL(join(out, 'models', 'load.js')).href],
    { stdio: 'inherit' },
  );
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(join(root, 'dist'))) renameSync(join(root, 'dist'), old);
  renameSync(out, join(root, 'dist'));
  rmSync(old, { recursive: true, force: true });
} catch (err) {
  rmSync(out, { recursive: true, force: true });
  process.exitCode = 1;
  if (!(err && typeof err === 'object' && 'status' in err)) throw err;
}
