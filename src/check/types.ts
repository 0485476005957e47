// The vocabulary of `nova-trace check`: the expectation file as written (schema/expectations.schema.json),
// its compiled form, and the report of one run.
import type { MatchResult } from '../match/index.js';
import type { Outcome } from '../types.js';

/** `select` as written: "all", or properties every selected operation has. */
export type SelectSpec =
  | 'all'
  | {
      requestId?: string;
      globalRequestId?: string;
      instance?: string;
      operation?: string | string[];
      variant?: string | null;
      outcome?: Outcome | Outcome[];
      host?: string;
      start?: string;
    };

export interface FailureExpect {
  id?: string;
  exception?: string;
  message?: string;
  stage?: string | null;
}

/** One expectation as written. Key order here is the order `--update` writes. */
export interface ExpectationSpec {
  name?: string;
  description?: string;
  select: SelectSpec;
  operation?: string;
  variant?: string | null;
  outcome?: Outcome;
  stages?: string[];
  notStages?: string[];
  failure?: FailureExpect | null;
  maxDurationMs?: number;
  stageBudgetsMs?: Record<string, number>;
  noFailed?: true;
  noUnknownErrors?: true;
  unknownErrors?: number;
  count?: number | { min?: number; max?: number };
}

export const EXPECTATION_KEYS = [
  'name',
  'description',
  'select',
  'operation',
  'variant',
  'outcome',
  'stages',
  'notStages',
  'failure',
  'maxDurationMs',
  'stageBudgetsMs',
  'noFailed',
  'noUnknownErrors',
  'unknownErrors',
  'count',
] as const satisfies ReadonlyArray<keyof ExpectationSpec>;

export const SELECT_KEYS = ['requestId', 'globalRequestId', 'instance', 'operation', 'variant', 'outcome', 'host', 'start'] as const;
export const FAILURE_KEYS = ['id', 'exception', 'message', 'stage'] as const;

/** The whole file as written. */
export interface ExpectationFileSpec {
  $schema?: string;
  version: 1;
  description?: string;
  inputs?: string[];
  year?: number;
  expectations: ExpectationSpec[];
}

export const FILE_KEYS = ['$schema', 'version', 'description', 'inputs', 'year', 'expectations'] as const;

/** An expectation ready to evaluate: name settled, selection compiled, regex compiled. */
export interface Expectation {
  index: number;
  name: string;
  spec: ExpectationSpec;
  selects: (op: MatchResult) => boolean;
  message: RegExp | null;
}

export interface ExpectationFile {
  /** Path as given on the command line. */
  path: string;
  format: 'json' | 'yaml';
  spec: ExpectationFileSpec;
  expectations: Expectation[];
}

export interface ExpectationVerdict {
  index: number;
  name: string;
  status: 'pass' | 'fail';
  /** Request ids of the selected operations (null ids as "—"). */
  selected: string[];
  /** What was checked, briefly (`outcome completed`, `4 stages`, `count 12`). */
  checked: string[];
  /** Why it failed: one line each, naming the operation. */
  reasons: string[];
  /** Log duration of the operation, for an expectation about one request or instance (JUnit time); else 0. */
  durationMs: number;
}

export interface CheckReport {
  file: string;
  operations: number;
  verdicts: ExpectationVerdict[];
  passed: number;
  failed: number;
}
