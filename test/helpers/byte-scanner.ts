// A WebAssembly byte scanner for tests: they run src/, where no .wasm lies beside byte-scan.ts, so they
// compile one from the same src/input/byte-scan.wat the build compiles (scripts/wat.mjs).
import { join } from 'node:path';
import { ByteScanner } from '../../src/input/byte-scan.js';
import { ROOT } from './cli.js';

let module: WebAssembly.Module | null = null;

/** A fresh scanner (its own memory) made from src/input/byte-scan.wat. */
export async function testScanner(): Promise<ByteScanner> {
  if (module === null) {
    // @ts-expect-error: a plain .mjs script, no declarations
    const { compileWat } = (await import('../../scripts/wat.mjs')) as { compileWat(file: string): Promise<Buffer> };
    module = new WebAssembly.Module(await compileWat(join(ROOT, 'src', 'input', 'byte-scan.wat')));
  }
  return new ByteScanner(module);
}
