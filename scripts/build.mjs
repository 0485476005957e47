// Compiles src/ with tsc, copies the data files (model definitions) beside the output, writes the
// validated built-in models as one file (dist/models/builtin.json), compiles the WebAssembly byte
// scanner (src/input/byte-scan.wat, scripts/wat.mjs) beside the modules that load it, and bundles the
// command line into dist/bundle/ (what bin/nova-trace.js runs). Kept as a script rather than a chain of
// shell commands so that it runs the same on every platform.
//
// Why a bundle: Node 20 resolves, reads and compiles each ES module on its own; the ~100 modules of a
// `nova-trace <req-id>` took ~45 ms of its ~0.22 s start-up (bench/PROFILE.md). The bundle keeps the
// commands' dynamic imports as separate chunks (`trace` loads no `check` code; `--version` is answered
// by bin/ before it loads), bundles the dependencies too, and chains tsc's source maps (profiles map to
// src/*.ts). dist/*.js stays the library (package.json `main`) and what the tests import.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileWat } from './wat.mjs';

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
  const wasm = await compileWat(join(root, 'src', 'input', 'byte-scan.wat'));
  writeFileSync(join(out, 'input', 'byte-scan.wasm'), wasm);
  await bundle(out);
  writeFileSync(join(out, 'bundle', 'byte-scan.wasm'), wasm); // beside the chunk that loads it
  const old = join(root, `dist.old-${process.pid}`);
  if (existsSync(join(root, 'dist'))) renameSync(join(root, 'dist'), old);
  renameSync(out, join(root, 'dist'));
  rmSync(old, { recursive: true, force: true });
} catch (err) {
  rmSync(out, { recursive: true, force: true });
  process.exitCode = 1;
  if (!(err && typeof err === 'object' && 'status' in err)) throw err;
}

/** dist/bundle/: the command line in one module plus a chunk per lazily loaded command. */
async function bundle(dir) {
  const esbuild = require('esbuild-wasm');
  await esbuild.build({
    entryPoints: [join(dir, 'cli', 'run.js')],
    outdir: join(dir, 'bundle'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies are bundled too (commander alone took ~15 ms to resolve and load); CommonJS ones
    // (commander, cli-table3) call require() for Node's modules, which an ES module provides this way.
    banner: { js: "import { createRequire as __ntRequire } from 'node:module'; const require = __ntRequire(import.meta.url);" },
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
}
