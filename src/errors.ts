// Typed errors that carry the exit code the CLI should use. The core throws these; only src/cli/ exits.

/** Exit codes of the user contract (design.md). */
export const EXIT = {
  ok: 0,
  deviation: 1,
  usage: 2,
  notFound: 3,
  internal: 70,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class NovaTraceError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad command line, unreadable input, nothing to read. */
export class UsageError extends NovaTraceError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** An input could not be read (missing, permission denied, not a log). Carries the path. */
export class InputError extends NovaTraceError {
  readonly path: string;
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`, EXIT.usage);
    this.path = path;
  }
}

/** A model or expectation file failed validation: file, JSON path, expected, found. */
export class ValidationError extends NovaTraceError {
  readonly file: string;
  readonly jsonPath: string;
  readonly expected: string;
  readonly found: string;
  constructor(file: string, jsonPath: string, expected: string, found: string) {
    super(`${file}: at ${jsonPath}: expected ${expected}, found ${found}`, EXIT.usage);
    this.file = file;
    this.jsonPath = jsonPath;
    this.expected = expected;
    this.found = found;
  }
}

/** The request or instance asked for is not in the input. */
export class NotFoundError extends NovaTraceError {
  constructor(message: string) {
    super(message, EXIT.notFound);
  }
}
