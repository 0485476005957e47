import { describe, expect, it } from 'vitest';
import { literalPrefix, requiredLiteral } from '../../src/models/literal-prefix.js';

describe('literal gates', () => {
  it('reads the literal prefix of a pattern', () => {
    expect(literalPrefix('Took [\\d.]+ seconds to build instance\\.')).toBe('Took ');
    expect(literalPrefix('Lock "[^"]*" acquired by')).toBe('Lock "');
    expect(literalPrefix('Instance spawned successfully\\.')).toBe('Instance spawned successfully.');
    expect(literalPrefix('Claim successful(?: on node \\S+)?')).toBe('Claim successful');
    expect(literalPrefix('Creating images?')).toBe('Creating image');
    expect(literalPrefix('\\(\\d+/\\d+\\): Attempting')).toBe('(');
    expect(literalPrefix('Pausing|Unpausing')).toBe('');
    expect(literalPrefix('(?:a|b)c')).toBe('');
    expect(literalPrefix('\\S+ "POST')).toBe('');
  });

  it('reads a required substring when there is no prefix', () => {
    expect(requiredLiteral('\\S+ "POST \\S*/servers(?:\\?\\S*)?(?: HTTP/[\\d.]+)?" status: \\d+ .*')).toBe('" status: ');
    expect(requiredLiteral('(?:Instance cache missing|Updating) network info')).toBe(' network info');
    expect(requiredLiteral('.*LiveMigrateData\\(.*block_migration=True.*')).toBe('block_migration=True');
    expect(requiredLiteral('a|bcdef')).toBe('');
    expect(requiredLiteral('\\d+ hosts?')).toBe(' host');
  });
});
