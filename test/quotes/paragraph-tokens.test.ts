import { beforeAll, describe, expect, it } from 'vitest';
import { findQuoteSpans, readingUnits } from '../../src/quotes/extract-quotes.js';
import { tokenizeParagraph } from '../../src/quotes/paragraph-tokens.js';
import { loadTagger } from '../../src/quotes/tagger.js';
import { articleFromText } from './article-from-text.js';

beforeAll(() => loadTagger());

function tokensOf(body: string) {
  const paragraph = articleFromText(body).paragraphs[0]!;
  const spans = findQuoteSpans(paragraph.text);
  return tokenizeParagraph(paragraph.text, spans, readingUnits(paragraph, spans));
}

describe('tokenizeParagraph', () => {
  it('masks each quote as one token outside, and keeps its words inside', () => {
    const { outer, inner } = tokensOf('“They [the council] never listened,” said Ruth Lane.');
    expect(outer.map((t) => t.text)).toEqual([
      'They [the council] never listened',
      'said',
      'Ruth',
      'Lane',
      '.',
    ]);
    expect(outer[0]).toMatchObject({ kind: 'quote', quote: 0 });
    expect(inner[0]!.map((t) => t.text)).toContain('council');
  });

  it('drops a possessive ’s from the word and flags it', () => {
    const { outer } = tokensOf('Ms Lane’s offer stood.');
    expect(outer[1]).toMatchObject({ text: 'Lane', lower: 'lane', possessive: true });
  });

  it('marks the first word of each sentence, whose capital says nothing', () => {
    const { outer } = tokensOf('Observers were puzzled. Ruth Lane was not.');
    expect(outer.filter((t) => t.sentenceInitial).map((t) => t.text)).toEqual(['Observers', 'Ruth']);
    expect(outer.find((t) => t.text === 'Ruth')!.unit).toBe(1);
  });

  it('carries compromise’s part-of-speech tags for each word', () => {
    const { outer } = tokensOf('Ruth Lane said nothing.');
    expect(outer.find((t) => t.text === 'said')!.tags.has('Verb')).toBe(true);
  });
});
