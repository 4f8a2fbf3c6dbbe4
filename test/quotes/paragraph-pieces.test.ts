import { describe, expect, it } from 'vitest';
import { MAX_PIECE_CHARS, paragraphPieces } from '../../src/quotes/paragraph-pieces.js';
import { articleFromText } from './article-from-text.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('paragraphPieces', () => {
  it('returns a paragraph within the limit whole, as the same object', () => {
    const [paragraph] = articleFromText('“Yes,” said Ana Ruiz. She left.').paragraphs;
    expect(paragraphPieces(paragraph!)).toEqual([paragraph]);
    expect(paragraphPieces(paragraph!)[0]).toBe(paragraph);
  });

  it('cuts a long paragraph between sentences into pieces within the limit, losing no word or sentence', () => {
    const body = Array.from(
      { length: 60 },
      (_, i) => `“We will rebuild wall ${i},” said Ana Ruiz. The harbour master, Tom Lee, disagreed at once.`,
    ).join(' ');
    const [paragraph] = articleFromText(body).paragraphs;
    const pieces = paragraphPieces(paragraph!);
    expect(pieces.length).toBeGreaterThan(body.length / MAX_PIECE_CHARS);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(MAX_PIECE_CHARS);
      expect(piece.id).toBe(paragraph!.id);
      // Every piece starts at a sentence, so each quote keeps its "said".
      expect(piece.text).toMatch(/^(“We will|The harbour)/);
      for (const sentence of piece.sentences) expect(piece.text).toContain(sentence.text);
    }
    expect(words(pieces.map((p) => p.text).join(' '))).toEqual(words(paragraph!.text));
    expect(pieces.flatMap((p) => p.sentences)).toEqual(paragraph!.sentences);
  });

  it('keeps a quote of several sentences in one piece with its speaker', () => {
    const quote = `“${'The wall will hold. '.repeat(20).trim()}” said Ana Ruiz.`;
    const body = Array.from({ length: 8 }, () => quote).join(' ');
    const [paragraph] = articleFromText(body).paragraphs;
    for (const piece of paragraphPieces(paragraph!)) expect(piece.text).toMatch(/^“.*said Ana Ruiz\.$/su);
  });

  it('cuts a single sentence longer than the limit at spaces, keeping its id on each part', () => {
    const body = `${'harbour wall repair '.repeat(400).trim()}.`;
    const [paragraph] = articleFromText(body).paragraphs;
    const pieces = paragraphPieces(paragraph!);
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(MAX_PIECE_CHARS);
      expect(piece.sentences.map((s) => s.id)).toEqual([paragraph!.sentences[0]!.id]);
    }
    expect(words(pieces.map((p) => p.text).join(' '))).toEqual(words(body));
  });
});
