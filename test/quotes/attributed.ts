import { attributeQuotes } from '../../src/quotes/attribute-quotes.js';
import { analyseArticle } from '../../src/quotes/analysed-paragraphs.js';
import { buildArticleRegistry, recordLearned } from '../../src/quotes/registry.js';
import { articleFromText } from './article-from-text.js';

/**
 * Each quote of a made-up article with the canonical name of its speaker, or null (the tagger loaded);
 * `title` is the article's headline.
 */
export function attributed(body: string, title?: string): [string, string | null][] {
  const article = articleFromText(body, undefined, title);
  const registry = buildArticleRegistry(article, analyseArticle(article));
  const attribution = attributeQuotes(registry);
  recordLearned(registry, attribution.learned);
  return attribution.quotes.map((q) => [
    q.quote.text,
    q.speaker ? (registry.entities.get(q.speaker)?.canonical ?? q.speaker) : null,
  ]);
}
