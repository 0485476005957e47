// `nova-trace models`: the reference models and their stages (built-in plus --models DIR).
import { listModels, loadModels } from '../models/index.js';
import { renderModels } from '../report/models-text.js';
import { SCHEMA_VERSION } from '../report/json.js';
import { outputFormat, renderContext, type CommonOptions } from './common.js';
import type { Io } from './io.js';

export async function runModels(opts: CommonOptions, io: Io): Promise<number> {
  const models = listModels(loadModels(opts.models ?? []), { includeCommonFailures: opts.verbose === true });
  if (outputFormat(opts, 'text') === 'json') io.out(JSON.stringify({ schemaVersion: SCHEMA_VERSION, models }, null, 2) + '\n');
  else io.out(renderModels(models, renderContext(opts, io)) + '\n');
  return 0;
}
