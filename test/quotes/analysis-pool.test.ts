import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { analyseOnWorkers } from '../../src/quotes/analysis-pool.js';
import { analyseArticleQuotes } from '../../src/quotes/article-quotes.js';
import { loadTagger } from '../../src/quotes/tagger.js';
import { articleFromText } from './article-from-text.js';

// A first start or a large reload reads articles for quotes on worker threads. What a worker gives must be
// exactly what this thread gives, whichever worker reads which article.
describe('analyseOnWorkers', () => {
  it('gives the same analyses as reading on this thread, in the order of the articles', async () => {
    const articles = [
      ...(await loadKnowledge('knowledge')),
      ...(await loadKnowledge('test/fixtures/two-articles')),
      ...(await loadKnowledge('test/fixtures/meaning')),
    ];
    await loadTagger();
    const here = await Promise.all(articles.map((article) => analyseArticleQuotes(article)));
    expect(here.some((analysis) => analysis.quotes.some((q) => q.speaker !== null))).toBe(true);
    expect(await analyseOnWorkers(articles, 2)).toEqual(here);
  });

  it('rejects, naming the file, when an article cannot be read, and leaves no worker running', async () => {
    const broken = { ...articleFromText('“A quote,” she said.'), file: 'broken.md', paragraphs: null };
    await expect(analyseOnWorkers([broken as never], 1)).rejects.toThrow(/broken\.md/);
  });
});
