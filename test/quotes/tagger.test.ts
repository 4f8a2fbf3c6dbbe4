import { describe, expect, it, vi } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { articleFromText } from './article-from-text.js';

/** Imports of compromise, the ~0.7 s part of start-up that a build from cached analyses must not pay. */
const imports = { count: 0 };

/** A fresh copy of the quote modules, as a new process would have them, counting imports of compromise. */
async function freshQuoteIndex() {
  vi.resetModules();
  imports.count = 0;
  vi.doMock('compromise', async (importOriginal) => {
    imports.count += 1;
    return importOriginal();
  });
  return import('../../src/quotes/quote-index.js');
}

describe('loading the tagger', () => {
  it('refuses to analyse an article before the tagger is loaded, saying what to do', async () => {
    vi.resetModules();
    const { analyseArticleQuotes } = await import('../../src/quotes/article-quotes.js');
    await expect(analyseArticleQuotes(articleFromText('“Yes,” said Ana Ruiz.'))).rejects.toThrow(
      /loadTagger\(\)/,
    );
  });

  it('gives every caller the same load', async () => {
    vi.resetModules();
    const { loadTagger, tagger } = await import('../../src/quotes/tagger.js');
    const [a, b] = await Promise.all([loadTagger(), loadTagger()]);
    expect(a).toBe(b);
    expect(tagger()).toBe(a);
  });

  it('builds from reused analyses without importing compromise, and imports it once a new article needs it', async () => {
    const articles = await loadKnowledge('knowledge');
    const first = await (await freshQuoteIndex()).buildQuoteIndex(articles);
    expect(imports.count).toBe(1);

    const { buildQuoteIndex } = await freshQuoteIndex();
    const reused = await buildQuoteIndex(articles, first.analyses);
    expect(imports.count).toBe(0);
    expect(reused.people).toEqual(first.people);

    const extra = articleFromText('“Yes,” said Ana Ruiz.', 'extra.md');
    const grown = await buildQuoteIndex([...articles, extra], first.analyses);
    expect(imports.count).toBe(1);
    expect(grown.lookup('Ana Ruiz').quotes).toHaveLength(1);
  });
});
