import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { evaluateQuotes } from '../../src/quotes/evaluate-quotes.js';
import { buildQuoteIndex } from '../../src/quotes/quote-index.js';
import { articleFromText } from './article-from-text.js';

const index = await buildQuoteIndex([
  articleFromText(
    '“We are back,” said Maria Ortiz. Omar Haddad said he was “relieved”.\n\nThe “green” budget passed. Lena Fischer said nothing.',
  ),
]);

describe('evaluateQuotes', () => {
  it('scores a perfect match as precision and recall 1, ignoring quote marks and a final stop', () => {
    const result = evaluateQuotes(index, {
      quote: { 'Maria Ortiz': ['We are back.'], 'Mr Haddad': ['relieved'] },
      mentioned_not_quoted: ['Lena Fischer'],
    });
    expect(result).toMatchObject({
      precision: 1,
      recall: 1,
      correct: 2,
      attributed: 2,
      gold: 2,
      misses: [],
      extras: [],
    });
    expect(result.mentionedNotQuoted).toEqual([{ name: 'Lena Fischer', ok: true }]);
  });

  it('lists a quote given to the wrong speaker as an extra and the gold one as a miss', () => {
    const result = evaluateQuotes(index, {
      quote: { 'Maria Ortiz': ['We are back', 'relieved'] },
      mentioned_not_quoted: ['Omar Haddad', 'Nobody Known'],
    });
    expect(result.precision).toBe(0.5);
    expect(result.recall).toBe(0.5);
    expect(result.extras).toEqual([{ speaker: 'Omar Haddad', text: 'relieved', id: 'made-up#1' }]);
    expect(result.misses).toEqual([{ speaker: 'Maria Ortiz', text: 'relieved' }]);
    expect(result.mentionedNotQuoted).toEqual([
      { name: 'Omar Haddad', ok: false, problem: '1 quote(s) attributed' },
      { name: 'Nobody Known', ok: false, problem: 'not found' },
    ]);
  });

  it('meets the targets on the seed article: precision 1, recall 1, unquoted people found', async () => {
    const evalData: unknown = JSON.parse(
      await readFile('test/fixtures/calibration/seed-calibration.json', 'utf8'),
    );
    const seedIndex = await buildQuoteIndex(await loadKnowledge('knowledge'));
    const result = evaluateQuotes(seedIndex, evalData as Parameters<typeof evaluateQuotes>[1], [
      'trump-kim-honoured',
    ]);
    expect(result.misses).toEqual([]);
    expect(result.extras).toEqual([]);
    expect(result).toMatchObject({ precision: 1, recall: 1, gold: 15 });
    expect(result.mentionedNotQuoted.every((m) => m.ok)).toBe(true);
  });
});
