import { beforeAll, describe, expect, it } from 'vitest';
import { loadQuoteGold, QUOTE_BANK, scoreQuoteGold, type QuoteScore } from '../../src/eval/quote-bank.js';
import { QUESTION_BANK } from '../../src/eval/question-sets.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { buildKnowledgeIndex } from '../../src/engine/build-index.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import { loadConfig } from '../../src/config.js';

// /quote's precision and recall on the project's own gold, counted as `npm run eval` counts them. The
// floors are the figures last measured, less a small margin: a change that puts quotes in wrong mouths or
// loses them on articles nobody tuned for fails here. See docs/evaluation.md.
const FLOORS = {
  'quote bank tuning': { precision: 0.98, recall: 0.9 },
  'quote bank held-out': { precision: 0.92, recall: 0.86 },
  'question bank tuning': { precision: 0.97, recall: 0.97 },
  'question bank held-out': { precision: 0.92, recall: 0.95 },
};

const scores = new Map<string, QuoteScore>();

beforeAll(async () => {
  const embedder = await openEmbedder(loadConfig({}));
  for (const [dir, folder, label] of [
    [QUOTE_BANK, 'quotes', 'quote bank'],
    [QUESTION_BANK, 'questions', 'question bank'],
  ] as const) {
    const parts = await loadQuoteGold(dir, folder, label);
    const { index } = await buildKnowledgeIndex(await loadKnowledge(parts[0]!.knowledgeDir), embedder);
    for (const part of parts) scores.set(part.name, await scoreQuoteGold(part, index));
  }
});

describe('quote gold', () => {
  it('the quote bank has at least 8 held-out articles with 100 gold quotes between them', () => {
    const heldout = scores.get('quote bank held-out')!;
    expect(heldout.byDoc.length).toBeGreaterThanOrEqual(8);
    expect(heldout.gold).toBeGreaterThanOrEqual(100);
  });

  it.each(Object.keys(FLOORS))('%s: every person named but never quoted is reported as such', (name) => {
    const named = scores.get(name)!.byDoc.flatMap((d) => d.evaluation.mentionedNotQuoted);
    expect(named.filter((n) => !n.ok)).toEqual([]);
  });

  it.each(Object.entries(FLOORS))(
    '%s: precision and recall at least as when last measured',
    (name, floor) => {
      const s = scores.get(name)!;
      expect(s.correct / s.attributed).toBeGreaterThanOrEqual(floor.precision);
      expect(s.found / s.gold).toBeGreaterThanOrEqual(floor.recall);
    },
  );
});
