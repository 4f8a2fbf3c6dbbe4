import { describe, expect, test } from 'vitest';
import { truncate, unescapePlain, withoutMarkup } from '../../src/bot/discord-text.js';

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

describe('withoutMarkup', () => {
  test('drops mentions, custom emoji and timestamps, which name nothing in the articles', () => {
    expect(withoutMarkup('<@123456789012345678> what did Spicer say? <:pepe:123456789012345678>')).toBe(
      'what did Spicer say?',
    );
    expect(withoutMarkup('<@!1> <@&2> <#3> <a:dance:4> since <t:1700000000:R>?')).toBe('since ?');
  });

  test('leaves everything else as written', () => {
    expect(withoutMarkup('Is 3 < 4 and <b> bold? 😂 https://example.com/a')).toBe(
      'Is 3 < 4 and <b> bold? 😂 https://example.com/a',
    );
  });
});
