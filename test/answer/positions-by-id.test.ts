import { describe, expect, it } from 'vitest';
import { positionsById } from '../../src/answer/positions-by-id.js';
import { parseArticle } from '../../src/knowledge/parse-article.js';

const article = (slug: string, body: string) =>
  parseArticle(
    `${slug}.md`,
    new TextEncoder().encode(`---\ntitle: T\nsource: S\ndate: 2024-01-01\n---\n\n${body}\n`),
  );

describe('positionsById', () => {
  const articles = [
    article('first', 'One. Two.\n\nThree.'),
    article('second-story', 'Four. Five. Six.\n\nSeven.\n\nEight. Nine.'),
  ];
  const paragraphs: { paragraph: (typeof articles)[0]['paragraphs'][0]; sentenceStart: number }[] = [];
  let sentenceStart = 0;
  for (const a of articles) {
    for (const paragraph of a.paragraphs) {
      paragraphs.push({ paragraph, sentenceStart });
      sentenceStart += paragraph.sentences.length;
    }
  }
  const byId = positionsById({
    slugs: articles.map((a) => a.slug),
    firstParagraphOfArticle: Int32Array.of(0, 2),
    paragraphs,
  });

  it('finds every paragraph and sentence where a map of their ids would', () => {
    const sentenceIds = paragraphs.flatMap(({ paragraph }) => paragraph.sentences.map((s) => s.id));
    expect(sentenceIds.map((id) => byId.sentence.get(id))).toEqual(sentenceIds.map((_, i) => i));
    expect(paragraphs.map(({ paragraph }) => byId.paragraph.get(paragraph.id))).toEqual([0, 1, 2, 3, 4]);
  });

  it('finds nothing for an id no paragraph or sentence has', () => {
    for (const id of [
      'first#3',
      'first#0',
      'first#1.3',
      'first#1.0',
      'none#1',
      'first',
      'first#',
      '#1',
      'first#1.',
    ])
      expect([byId.paragraph.get(id), byId.sentence.get(id)], id).toEqual([undefined, undefined]);
    expect(byId.sentence.get('first#1')).toBeUndefined();
    expect(byId.paragraph.get('first#1.1')).toBeUndefined();
    expect(byId.paragraph.get('first# 1')).toBeUndefined();
  });
});
