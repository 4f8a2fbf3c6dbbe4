import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readPlainTextArticle } from '../../src/knowledge/plain-text-article.js';
import { parseArticle, splitParagraphs } from '../../src/knowledge/parse-article.js';

describe('readPlainTextArticle', () => {
  it('reads an article as saved from the web: furniture and credit become metadata, the same paragraphs as its Markdown copy', async () => {
    const found = readPlainTextArticle(await readFile('test/fixtures/web-saved/transit-strike.txt', 'utf8'));
    expect(found.title).toBe('Rail workers strike over pay as commuters face week of disruption');
    expect(found.date).toBe('Monday, June 9, 2025');
    expect(found.source).toBe('Metro Daily');
    const markdown = parseArticle(
      'transit-strike.md',
      await readFile('test/fixtures/heldout-style/transit-strike.md'),
    );
    const paragraphs = splitParagraphs('transit-strike', found.body);
    expect(paragraphs).toHaveLength(markdown.paragraphs.length);
    expect(paragraphs.map((p) => p.text)).toEqual(markdown.paragraphs.map((p) => p.text));
  });

  it('takes a short first line as the title and keeps every prose paragraph', () => {
    const found = readPlainTextArticle('Storm hits coast\n\nThe storm came at night.\n\nIt left by noon.');
    expect(found).toEqual({
      title: 'Storm hits coast',
      body: 'The storm came at night.\n\nIt left by noon.',
    });
  });

  it('treats a file that is all prose as all body, and a lone last line as body unless it is a credit', () => {
    expect(readPlainTextArticle('One. Two.\n\nThree.').body).toBe('One. Two.\n\nThree.');
    expect(readPlainTextArticle('One.\n\nVia Reuters').source).toBe('Reuters');
    expect(readPlainTextArticle('One.\n\nVia Reuters').body).toBe('One.');
  });

  it('does not mistake a one-line dated paragraph for a date line when it reads as prose', () => {
    const text =
      'Budget day\n\nOn Monday, March 3, the council met for six hours to agree the budget and the new rates.';
    expect(splitParagraphs('x', readPlainTextArticle(text).body)).toHaveLength(1);
  });
});
