import { describe, expect, it } from 'vitest';
import { ArticleFormatError, parseArticle } from '../../src/knowledge/parse-article.js';

const file = (url: string) =>
  new TextEncoder().encode(
    `---\ntitle: A story\nsource: Test Gazette\ndate: 2024-01-01\nurl: ${JSON.stringify(url)}\n---\n\nOne paragraph.\n`,
  );

describe('parseArticle, the url field', () => {
  it('accepts a web address', () => {
    expect(parseArticle('story.md', file('https://example.com/story')).url).toBe('https://example.com/story');
  });

  it('refuses anything but an http(s) address, naming the field', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com/x']) {
      expect(() => parseArticle('story.md', file(url))).toThrow(ArticleFormatError);
      expect(() => parseArticle('story.md', file(url))).toThrow(/url.*http/);
    }
  });
});
