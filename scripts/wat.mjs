// Compiles a WebAssembly text file to its binary with wabt (a WebAssembly build of the WebAssembly
// Binary Toolkit: a devDependency, nothing downloaded). Used by the build (src/input/byte-scan.wat →
// dist/) and by the tests, which run src/ and so make the scanner from the same source.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The binary of a WebAssembly text file (SIMD and shared memory enabled), validated by V8. */
export async function compileWat(file) {
  const wabt = await require('wabt')();
  const parsed = wabt.parseWat(file, readFileSync(file, 'utf8'), { simd: true, threads: true });
  try {
    parsed.resolveNames();
    // Validated by V8 itself (wabt.js's validate() ignores the features given to parseWat).
    const binary = Buffer.from(parsed.toBinary({}).buffer);
    new WebAssembly.Module(binary);
    return binary;
  } finally {
    parsed.destroy();
  }
}
