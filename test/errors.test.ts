import { describe, expect, it } from 'vitest';
import { EXIT, InputError, NotFoundError, UsageError, ValidationError } from '../src/errors.js';

describe('error classes', () => {
  it('carry the exit codes of the user contract', () => {
    expect(new UsageError('x').exitCode).toBe(EXIT.usage);
    expect(new NotFoundError('x').exitCode).toBe(3);
    expect(new InputError('/a', 'missing').message).toBe('/a: missing');
  });
  it('say file, path, expected and found for validation problems', () => {
    const e = new ValidationError('m.json', '$.stages[2].id', 'a string', 'number 3');
    expect(e.message).toBe('m.json: at $.stages[2].id: expected a string, found number 3');
    expect(e.exitCode).toBe(2);
  });
});
