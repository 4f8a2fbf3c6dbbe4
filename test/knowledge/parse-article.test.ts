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

  it('accepts parentheses and letters beyond ASCII, which real article addresses have', () => {
    for (const url of ['https://en.wikipedia.org/wiki/Mercury_(planet)', 'https://de.example/Zürich']) {
      expect(parseArticle('story.md', file(url)).url).toBe(url);
    }
  });

  it('refuses anything but an http(s) address, naming the field', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,hi', 'ftp://example.com/x']) {
      expect(() => parseArticle('story.md', file(url))).toThrow(ArticleFormatError);
      expect(() => parseArticle('story.md', file(url))).toThrow(
        'front matter "url": must be an http:// or https:// address',
      );
    }
  });

  it('refuses an address that would close a Markdown link and open another', () => {
    const url = 'https://example.com/a)[x](https://evil.example';
    expect(() => parseArticle('story.md', file(url))).toThrow(ArticleFormatError);
    expect(() => parseArticle('story.md', file(url))).toThrow(/^front matter "url": .*\[ \]/);
  });

  it('refuses an address with spaces or angle brackets in it', () => {
    for (const url of ['https://example.com/a b', 'https://example.com/<x>']) {
      expect(() => parseArticle('story.md', file(url))).toThrow(/front matter "url"/);
    }
  });
});
