import { beforeAll, describe, expect, it, vi } from 'vitest';
import { analyseArticleQuotes } from '../../src/quotes/article-quotes.js';
import { MAX_PIECE_CHARS } from '../../src/quotes/paragraph-pieces.js';
import { loadTagger, tagger } from '../../src/quotes/tagger.js';
import { articleFromText } from './article-from-text.js';

beforeAll(() => loadTagger());

const FIRST = ['Maria', 'John', 'Aisha', 'Peter', 'Linda', 'Tomas', 'Grace', 'Henry', 'Sofia', 'Omar'];
const LAST = ['Okafor', 'Lindqvist', 'Brennan', 'Castillo', 'Whitfield', 'Nakamura', 'Dubois', 'Haddad'];

/** One paragraph of `count` quotes, each said by a different named councillor, in a fixed order. */
function councilSession(count: number): { text: string; speakers: string[] } {
  const speakers: string[] = [];
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    speakers.push(name);
    sentences.push(
      `“The sea wall needs repair number ${i + 1} before the winter storms arrive,” said ${name}, a councillor. ` +
        `Residents applauded the proposal and asked how much it would cost the town.`,
    );
  }
  return { text: sentences.join(' '), speakers };
}

describe('analyseArticleQuotes on a very long paragraph', () => {
  // 80 × ~190 characters: a 15,000-character paragraph, well over the piece limit.
  const session = councilSession(80);
  const article = articleFromText(
    `The council met on Monday.\n\n${session.text}\n\nThe session ended at midnight.`,
  );

  it('tags the paragraph in pieces no longer than the limit, never the whole paragraph at once', async () => {
    const tagged: number[] = [];
    const realNlp = tagger().nlp;
    const nlp = vi.spyOn(tagger(), 'nlp').mockImplementation((text: string) => {
      tagged.push(text.length);
      return realNlp(text);
    });
    try {
      await analyseArticleQuotes(article);
    } finally {
      nlp.mockRestore();
    }
    expect(Math.max(...tagged)).toBeLessThanOrEqual(MAX_PIECE_CHARS);
    expect(tagged.reduce((a, b) => a + b, 0)).toBeGreaterThan(session.text.length * 0.95);
  });

  it('finds every quote of the long paragraph, each with its speaker, cited to that paragraph', async () => {
    const { speakers, quotes } = await analyseArticleQuotes(article);
    expect(quotes).toHaveLength(80);
    quotes.forEach((quote, i) => {
      expect(quote.text).toBe(`The sea wall needs repair number ${i + 1} before the winter storms arrive`);
      expect(quote.paragraphIndex).toBe(1);
      expect(quote.sentenceIds[0]).toBe(`made-up#2.${2 * i + 1}`);
      expect(speakers[quote.speaker!]?.canonical).toBe(session.speakers[i]);
    });
    for (const speaker of speakers) expect(speaker.paragraphs).toEqual([1]);
  });

  it('lets other work run while it reads the long paragraph', async () => {
    let turns = 0;
    let running = true;
    const tick = () => {
      turns += 1;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await analyseArticleQuotes(article);
    running = false;
    // One turn per piece, give or take: a paragraph read in one go would allow none.
    expect(turns).toBeGreaterThan(session.text.length / MAX_PIECE_CHARS - 1);
  });
});
