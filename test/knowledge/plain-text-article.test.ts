import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readPlainTextArticle } from '../../src/knowledge/plain-text-article.js';
import { splitParagraphs } from '../../src/knowledge/parse-article.js';

describe('readPlainTextArticle', () => {
  it('reads the seed as saved from the web: furniture and credit become metadata, 14 body paragraphs', async () => {
    const found = readPlainTextArticle(await readFile('../shared/seed/trump-kim-article.txt', 'utf8'));
    expect(found.title).toBe('Trump says he would be ‘honoured’ to meet North Korean leader');
    expect(found.date).toBe('Thursday / November 14');
    expect(found.source).toBe('FT');
    const paragraphs = splitParagraphs('seed', found.body);
    expect(paragraphs).toHaveLength(14);
    expect(paragraphs[13]!.text).toContain('conditions are not there right now');
  });

  it('takes a short first line as the title and keeps every prose paragraph', () => {
    const found = readPlainTextArticle('Storm hits coast\n\nThe storm came at night.\n\nIt left by noon.');
    expect(found).toEqual({ title: 'Storm hits coast', body: 'The storm came at night.\n\nIt left by noon.' });
  });

  it('treats a file that is all prose as all body, and a lone last line as body unless it is a credit', () => {
    expect(readPlainTextArticle('One. Two.\n\nThree.').body).toBe('One. Two.\n\nThree.');
    expect(readPlainTextArticle('One.\n\nVia Reuters').source).toBe('Reuters');
    expect(readPlainTextArticle('One.\n\nVia Reuters').body).toBe('One.');
  });

  it('does not mistake a one-line dated paragraph for a date line when it reads as prose', () => {
    const text = 'Budget day\n\nOn Monday, March 3, the council met for six hours to agree the budget and the new rates.';
    expect(splitParagraphs('x', readPlainTextArticle(text).body)).toHaveLength(1);
  });
});
