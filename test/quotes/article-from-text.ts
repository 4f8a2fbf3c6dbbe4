import { parseArticle } from '../../src/knowledge/parse-article.js';
import type { Article } from '../../src/knowledge/types.js';

/** A made-up article, parsed by the real loader, from a body of blank-line separated paragraphs. */
export function articleFromText(body: string, file = 'made-up.md', title = 'A made-up story'): Article {
  const text = `---\ntitle: ${JSON.stringify(title)}\nsource: Test Wire\ndate: 2024-01-01\n---\n\n${body.trim()}\n`;
  return parseArticle(file, new TextEncoder().encode(text));
}
