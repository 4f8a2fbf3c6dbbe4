import { describe, expect, it } from 'vitest';
import { passageText, wholePassage } from '../../src/answer/passages.js';
import { splitParagraphs } from '../../src/knowledge/parse-article.js';

const [paragraph] = splitParagraphs(
  'x',
  'The mayor spoke first. “We will rebuild. Every house, every road,” she said. Work starts in May.',
);

describe('wholePassage', () => {
  it('widens a sentence cut out of a quotation to the whole quotation', () => {
    const inside = paragraph!.sentences.findIndex((s) => s.text.startsWith('Every house'));
    const passage = wholePassage(paragraph!, inside);
    expect(passageText(passage)).toBe('“We will rebuild. Every house, every road,” she said.');
  });

  it('leaves a sentence outside any quotation as it is', () => {
    expect(passageText(wholePassage(paragraph!, 0))).toBe('The mayor spoke first.');
    expect(passageText(wholePassage(paragraph!, paragraph!.sentences.length - 1))).toBe(
      'Work starts in May.',
    );
  });
});
