// The CLI's view of the outside world, passed in so that commands can be run and tested in-process.
import type { Readable } from 'node:stream';
import type { SourceStats } from '../types.js';

export interface Io {
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: Readable;
  /** Whether stdin is piped or redirected from a file (as opposed to a terminal or /dev/null). */
  stdinIsPiped: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  columns: number;
  out: (text: string) => void;
  err: (text: string) => void;
  /**
   * Resolves once stdout has room again (backpressure for output written while reading); nothing when
   * it has room now.
   */
  drain?: () => Promise<void> | void;
  /** True once the user interrupted (SIGINT) after output had begun: stop at the next page. */
  interrupted?: () => boolean;
  /** A command notes the input accounting once read, for the internal-error report (set by main). */
  noteAccounting?: (sources: SourceStats[]) => void;
}

/** Thrown to stop a command the user interrupted; main() turns it into exit 130. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}
