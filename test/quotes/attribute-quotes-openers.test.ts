import { beforeAll, describe, expect, it } from 'vitest';
import { attributeQuotes } from '../../src/quotes/attribute-quotes.js';
import { analyseArticle } from '../../src/quotes/analysed-paragraphs.js';
import { buildArticleRegistry, recordLearned } from '../../src/quotes/registry.js';
import { loadTagger } from '../../src/quotes/tagger.js';
import { articleFromText } from './article-from-text.js';

beforeAll(() => loadTagger());

/** Each quote of a made-up article with the canonical name of its speaker, or null. */
function attributed(body: string): [string, string | null][] {
  const article = articleFromText(body);
  const registry = buildArticleRegistry(article, analyseArticle(article));
  const attribution = attributeQuotes(registry);
  recordLearned(registry, attribution.learned);
  return attribution.quotes.map((q) => [
    q.quote.text,
    q.speaker ? (registry.entities.get(q.speaker)?.canonical ?? q.speaker) : null,
  ]);
}

const INTRO = 'Mara Velasquez and Tom Okafor met the Duluth council on Monday.\n\n';

describe('attributeQuotes: sentence openings and party tags', () => {
  it('a bracketed party tag with full stops ("(D-N.Y.)") does not cut the sentence in two', () => {
    expect(
      attributed(
        `${INTRO}In a statement released Thursday, Rep. Mara Velasquez (D-N.Y.) reacted to the news, saying: “The council should resign.”`,
      ).slice(-1),
    ).toEqual([['The council should resign.', 'Mara Velasquez']]);
    expect(
      attributed(`${INTRO}Rep. Tom Okafor (R-S.C.):"I have never heard anyone cite that figure."`).slice(-1),
    ).toEqual([['I have never heard anyone cite that figure.', 'Tom Okafor']]);
  });
});
