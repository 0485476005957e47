// The CLI's view of the outside world, passed in so that commands can be run and tested in-process.
import type { Readable } from 'node:stream';

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
}
