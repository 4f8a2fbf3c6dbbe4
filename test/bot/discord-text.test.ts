import { describe, expect, test } from 'vitest';
import { truncate, unescapePlain } from '../../src/bot/discord-text.js';

describe('truncate', () => {
  test('leaves short text alone', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  test('cuts long text at a word boundary and marks the cut', () => {
    const cut = truncate('the quick brown fox jumps over the lazy dog', 20);
    expect(cut).toBe('the quick brown fox…');
    expect(cut.length).toBeLessThanOrEqual(20);
  });

  test('never splits a surrogate pair', () => {
    const cut = truncate('😀'.repeat(10), 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe('😀😀…');
  });
});

describe('unescapePlain', () => {
  test('reads back exactly what was escaped for Discord', () => {
    expect(unescapePlain('Was it \\*\\*really\\*\\* \\_said\\_ at https\\://x.example?')).toBe(
      'Was it **really** _said_ at https://x.example?',
    );
  });
});
