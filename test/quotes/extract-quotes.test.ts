import { describe, expect, it } from 'vitest';
import { extractQuotes, findQuoteSpans, readingUnits } from '../../src/quotes/extract-quotes.js';
import { articleFromText } from './article-from-text.js';

const texts = (text: string): string[] => findQuoteSpans(text).map((s) => s.text);

describe('findQuoteSpans', () => {
  it('finds curly double quotes and drops the comma before the closing mark', () => {
    expect(texts('“We support clean energy,” Anna Becker said.')).toEqual(['We support clean energy']);
  });

  it('keeps a final full stop, question mark or exclamation inside the quote', () => {
    expect(texts('“Is anyone surprised?” asked Mark Hale. “Not me.”')).toEqual([
      'Is anyone surprised?',
      'Not me.',
    ]);
  });

  it('keeps nested single quotes, with apostrophes, inside the outer quote', () => {
    expect(texts('“It’s a ‘fool’s errand’,” said Ruth Lane.')).toEqual(['It’s a ‘fool’s errand’']);
  });

  it('keeps a nested quote in the same double marks inside the outer quote', () => {
    expect(texts('“Workers told me “we are done” twice,” she said. “Then they left.”')).toEqual([
      'Workers told me “we are done” twice',
      'Then they left.',
    ]);
  });

  it('keeps editorial brackets inside the quote', () => {
    expect(texts('“They [the council] never listened,” she said.')).toEqual([
      'They [the council] never listened',
    ]);
  });

  it('finds straight double quotes, with apostrophes inside', () => {
    expect(texts('Paul Grant said the plan was "reckless" and "it\'s unfunded".')).toEqual([
      'reckless',
      "it's unfunded",
    ]);
  });

  it('finds partial quotes inside a sentence', () => {
    expect(texts('The mayor said she would be “delighted” to attend.')).toEqual(['delighted']);
  });

  it('finds top-level curly single quotes but not apostrophes', () => {
    expect(texts('‘We won’t back down,’ said the union’s leader.')).toEqual(['We won’t back down']);
    expect(texts('The union’s leaders’ pay rose.')).toEqual([]);
  });

  it('closes a quote opened with one kind of double mark and closed with the other', () => {
    expect(texts('“It is late," Maria Ortiz said. “Go home.”')).toEqual(['It is late', 'Go home.']);
    expect(texts('"It is late,” Maria Ortiz said. "Go home."')).toEqual(['It is late', 'Go home.']);
    expect(texts('"It is late,” Maria Ortiz said.')).toEqual(['It is late']);
  });

  it('closes “…," at the straight mark even when the next quote mixes its marks the same way', () => {
    expect(texts('“I heard the speech," Tom Becker said. "He wants to give it away.”')).toEqual([
      'I heard the speech',
      'He wants to give it away.',
    ]);
  });

  it('reads an opening mark typed after a comma and before a space as the closing one', () => {
    expect(texts('“It is unusual,“ said Larry Noble. “It is a hard thing to do.”')).toEqual([
      'It is unusual',
      'It is a hard thing to do.',
    ]);
  });

  it('keeps a quote nested in the other kind of double mark inside the outer quote', () => {
    expect(texts('“He called it "fake" news,” she said.')).toEqual(['He called it "fake" news']);
    expect(texts('"He called it “fake” news," she said.')).toEqual(['He called it “fake” news']);
  });

  it('runs an unclosed quote to the end of the paragraph, as a quote continued in the next one', () => {
    const [span] = findQuoteSpans('“I believe them, and so should you.');
    expect(span).toMatchObject({ text: 'I believe them, and so should you.', openEnded: true });
  });
});

describe('readingUnits and extractQuotes', () => {
  it('joins the sentences a multi-sentence quote was split into, and cites all of them', () => {
    const article = articleFromText(
      '“A deal is leverage,” Ms Lane said. “It must be part of a wider plan. You cannot have one without the other.”',
    );
    const paragraph = article.paragraphs[0]!;
    const quotes = extractQuotes(paragraph);
    expect(quotes.map((q) => q.text)).toEqual([
      'A deal is leverage',
      'It must be part of a wider plan. You cannot have one without the other.',
    ]);
    expect(quotes[1]!.sentenceIds).toHaveLength(2);
    expect(quotes[1]!.context).toBe(
      '“It must be part of a wider plan. You cannot have one without the other.”',
    );
    expect(readingUnits(paragraph, quotes)).toHaveLength(2);
  });

  it('gives the sentence a quote stands in as its context', () => {
    const article = articleFromText(
      'The talks failed. Rosa Lind said the offer was “an insult”. Talks resume today.',
    );
    const [quote] = extractQuotes(article.paragraphs[0]!);
    expect(quote!.context).toBe('Rosa Lind said the offer was “an insult”.');
    expect(quote!.sentenceIds).toEqual(['made-up#1.2']);
  });

  it('finds no quote in a headline or a Markdown heading, which are not body text', () => {
    const article = articleFromText(
      '## “Enough is enough”, says union\n\nWorkers walked out on Monday.',
      'strike.md',
      '“We will fight on”',
    );
    expect(article.paragraphs.flatMap((p) => extractQuotes(p))).toEqual([]);
  });
});
