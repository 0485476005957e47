// Required sample lines (lnav-style): each model's `samples` must parse into a record and classify as
// the file says. The parser is passed in so src/models stays independent of src/parse.
import type { CompiledModel } from '../models/model-types.js';
import type { LogRecord, OperationModel } from '../types.js';
import { classifyRecord } from './classify.js';

export interface SampleProblem {
  model: string;
  file: string;
  /** JSON path of the sample, `$.samples[3]`. */
  path: string;
  line: string;
  problem: string;
}

export type LineParser = (line: string) => LogRecord | null;

function check(model: CompiledModel, samples: OperationModel['samples'], parse: LineParser, pathOf: (i: number) => string, file: string): SampleProblem[] {
  const out: SampleProblem[] = [];
  samples.forEach((s, i) => {
    const base = { model: model.id, file, path: pathOf(i), line: s.line };
    const rec = parse(s.line);
    if (rec === null) {
      out.push({ ...base, problem: 'the line does not parse into a record' });
      return;
    }
    const c = classifyRecord(model, rec);
    const e = s.expect;
    if (e.stage !== undefined && !c.stages.includes(e.stage)) {
      out.push({ ...base, problem: `expected stage ${e.stage}, matched ${c.stages.length ? `stages ${c.stages.join(', ')}` : 'no stage'} (message: ${JSON.stringify(rec.message)})` });
    }
    if (e.success !== undefined && e.success !== c.success) {
      out.push({ ...base, problem: `expected success=${e.success}, got ${c.success} (message: ${JSON.stringify(rec.message)})` });
    }
    if (e.failure !== undefined && !c.failures.includes(e.failure)) {
      out.push({ ...base, problem: `expected failure ${e.failure}, matched ${c.failures.length ? c.failures.join(', ') : 'no failure'} (message: ${JSON.stringify(rec.message)})` });
    }
  });
  return out;
}

/** Checks a model's own samples; returns the problems (empty when all pass). */
export function verifySamples(model: CompiledModel, parse: LineParser): SampleProblem[] {
  return check(model, model.definition.samples, parse, (i) => `$.samples[${i}]`, model.file);
}

/** Checks `_common.json` samples against a model that inherits the shared failures. */
export function verifyCommonSamples(model: CompiledModel, samples: OperationModel['samples'], file: string, parse: LineParser): SampleProblem[] {
  return check(model, samples, parse, (i) => `$.samples[${i}]`, file);
}
