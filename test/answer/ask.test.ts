import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildKnowledgeIndex, type ArticleIndex } from '../../src/engine/build-index.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import { UserError } from '../../src/errors.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { MAX_QUESTION_LENGTH } from '../../src/answer/question.js';

let twoArticles: ArticleIndex;
let seed: ArticleIndex;

beforeAll(async () => {
  const embedder = await openEmbedder(loadConfig({}));
  twoArticles = (await buildKnowledgeIndex(await loadKnowledge('test/fixtures/two-articles'), embedder))
    .index;
  seed = (await buildKnowledgeIndex(await loadKnowledge('knowledge'), embedder)).index;
});

const allSentences = (index: ArticleIndex) =>
  index.articles.flatMap((a) => a.paragraphs.flatMap((p) => p.sentences.map((s) => s.text)));

describe('ask', () => {
  it('answers what a person said, quoting their sentence and citing its paragraph', async () => {
    const result = await seed.ask('What did Spicer say?');
    expect(result.declined).toBe(false);
    expect(result.citations[0]).toMatchObject({
      id: 'trump-kim-honoured#14',
      doc: 'trump-kim-honoured',
      paragraph: 14,
    });
    expect(result.citations[0]!.text).toContain('conditions are not there right now');
    expect(result.answer).toMatch(/conditions are not there right now”\. \[¶14\]/);
  });

  it('answers only with whole sentences quoted verbatim from the articles, each passage followed by its citation', async () => {
    const result = await twoArticles.ask('What did the harbour master say about the repairs?');
    const pieces = result.answer.split(/ \[[^\]]+¶\d+\]\s*/).filter(Boolean);
    expect(pieces.length).toBeGreaterThanOrEqual(1);
    expect(pieces.length).toBeLessThanOrEqual(3);
    // Each piece is a run of whole sentences of one paragraph, as printed.
    const paragraphs = twoArticles.articles.flatMap((a) => a.paragraphs.map((p) => p.text));
    for (const piece of pieces) {
      expect(paragraphs.some((text) => text.includes(piece))).toBe(true);
      expect(allSentences(twoArticles).some((sentence) => piece.startsWith(sentence))).toBe(true);
      expect(allSentences(twoArticles).some((sentence) => piece.endsWith(sentence))).toBe(true);
    }
  });

  it('finds a person from their role, not only their name', async () => {
    const result = await twoArticles.ask('What did the harbour master say?');
    expect(result.citations[0]!.id).toBe('harbour-reopens#2');
  });

  it('answers "who is" from the apposition that introduces the person', async () => {
    const result = await twoArticles.ask('Who is Priya Nair?');
    expect(result.citations[0]!.id).toBe('library-budget#2');
    expect(result.answer).toContain('the councillor responsible for culture');
  });

  it('answers "who is X" for everyone the articles name, however little the question gives to match', async () => {
    for (const index of [seed, twoArticles]) {
      for (const person of index.quoteIndex.people.filter((p) => p.kind === 'person')) {
        const result = await index.ask(`Who is ${person.canonical}?`);
        expect(result.declined, person.canonical).toBe(false);
      }
    }
    const tillerson = await seed.ask('Who is Rex Tillerson?');
    expect(tillerson.answer).toContain('US secretary of state');
  });

  it('answers a question with a typing slip as if it were spelt right', async () => {
    const right = await seed.ask('Why did Obama warn Trump about North Korea?');
    const slipped = await seed.ask('Why did Obama warn Trupm about Nroth Korea?');
    expect(slipped.declined).toBe(false);
    expect(slipped.citations.map((c) => c.id)).toEqual(right.citations.map((c) => c.id));
    expect(slipped.question).toBe('Why did Obama warn Trupm about Nroth Korea?');
  });

  it('answers the same however the question is capitalised', async () => {
    for (const question of ['What did Trump call Kim?', 'Why did Obama warn Trump?', 'What is Bloomberg?']) {
      const asked = await seed.ask(question);
      for (const cased of [question.toLowerCase(), question.toUpperCase()]) {
        const result = await seed.ask(cased);
        expect(result.declined, cased).toBe(asked.declined);
        expect(
          result.citations.map((c) => c.id),
          cased,
        ).toEqual(asked.citations.map((c) => c.id));
      }
    }
  });

  it('names the article in each citation when several articles are loaded', async () => {
    const result = await twoArticles.ask('How much did the harbour repairs cost?');
    expect(result.answer).toContain('[Harbour reopens after winter storm ¶2]');
    expect(result.citations[0]).toMatchObject({
      doc: 'harbour-reopens',
      title: 'Harbour reopens after winter storm',
      url: 'https://example.com/harbour-reopens',
    });
  });

  it('does not answer a question about one article from the other', async () => {
    for (const question of ['How many residents signed the petition?', 'When did the harbour reopen?']) {
      const result = await twoArticles.ask(question);
      const docs = new Set(result.citations.map((c) => c.doc));
      expect(docs.size).toBe(1);
    }
    expect((await twoArticles.ask('How many residents signed the petition?')).citations[0]!.doc).toBe(
      'library-budget',
    );
  });

  it('lists citations best first with scores', async () => {
    const { citations } = await seed.ask('Is North Korea still developing long-range missiles?');
    expect(citations.length).toBeGreaterThan(0);
    const scores = citations.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('declines a question the articles do not answer, saying what they cover', async () => {
    for (const question of ['What is the best pizza topping?', 'What will the weather be tomorrow?']) {
      const result = await twoArticles.ask(question);
      expect(result.declined).toBe(true);
      expect(result.citations).toEqual([]);
      expect(result.answer).toContain('Harbour reopens after winter storm');
    }
  });

  it('declines small talk that shares only a phrasal verb\'s particle with the article ("rain down", "damp down")', async () => {
    const result = await seed.ask('Is it going to rain this weekend?');
    expect(result.declined).toBe(true);
  });

  it('declines a question about a name no article mentions, and says so', async () => {
    const result = await seed.ask('What is the capital of France?');
    expect(result.declined).toBe(true);
    expect(result.answer).toMatch(/does not mention France|doesn't say/);
  });

  it('says when a named person is mentioned but reports nothing they said', async () => {
    const result = await twoArticles.ask('What did Martin Shaw say?');
    expect(result.declined).toBe(true);
    expect(result.answer).toContain('mention Martin Shaw [Council cuts library opening hours ¶4]');
    expect(result.answer).toContain('nothing Martin Shaw said');
    expect(result.citations.map((c) => c.id)).toEqual(['library-budget#4']);
  });

  it('rejects empty, whitespace-only, over-long and binary-garbage questions with a clear message', async () => {
    for (const bad of [
      '',
      '   \n\t ',
      'x'.repeat(MAX_QUESTION_LENGTH + 1),
      '\u0000\u0001\u0002\uFFFD',
      '?!? ...',
    ]) {
      const error = await twoArticles.ask(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message.length).toBeGreaterThan(10);
    }
  });

  it('answers a question with pasted control characters once they are cleaned out', async () => {
    const result = await seed.ask('What did\u0000 Spicer\u0007 say?');
    expect(result.question).toBe('What did Spicer say?');
    expect(result.citations[0]!.paragraph).toBe(14);
  });
});

describe('ask, for "what did X say" questions', () => {
  it('answers with the named person’s own words only, never someone else’s', async () => {
    const result = await twoArticles.ask('What did Tom Berg say?');
    expect(result.declined).toBe(false);
    expect(result.answer).toContain('Next winter could be worse');
    expect(result.answer).not.toContain('We worked day and night');
  });

  it('answers a bare "what did X say" even when the name is one the word vectors do not know', async () => {
    for (const question of ['What did Nair say?', 'what did grant say']) {
      const result = await twoArticles.ask(question);
      expect(result.declined).toBe(false);
      expect(result.citations[0]!.doc).toBe('library-budget');
    }
  });

  it('declines when the person spoke, but not about what was asked', async () => {
    const result = await twoArticles.ask('What did Tom Berg say about the library cuts?');
    expect(result.declined).toBe(true);
    expect(result.answer).toContain('nothing Tom Berg said about that');
  });

  it('does not take a role that only shares its head noun for the person asked about', async () => {
    const result = await twoArticles.ask('What did the harbour councillor say?');
    expect(result.answer).not.toContain('No one went into politics');
  });
});

describe('ask, for short and loose questions', () => {
  it('finds the speaker of "what did X say" through a typo, as /quote does', async () => {
    const result = await twoArticles.ask('what did priya nar say');
    expect(result.declined).toBe(false);
    expect(result.answer).toContain('Priya Nair');
  });

  it('declines "what did X say" for a name nobody has, saying so', async () => {
    const result = await twoArticles.ask('what did Zbigniew Kowalczyk say');
    expect(result.declined).toBe(true);
    expect(result.answer).toContain('do not mention Zbigniew Kowalczyk');
  });

  it('answers a bare name with what the articles say of that person', async () => {
    const result = await twoArticles.ask('Ruiz');
    expect(result.declined).toBe(false);
    expect(result.citations[0]!.id).toBe('harbour-reopens#2');
  });

  it('answers "what is this about" with each article’s opening sentence', async () => {
    const result = await twoArticles.ask('What are these articles about?');
    expect(result.declined).toBe(false);
    expect(result.citations.map((c) => c.id)).toEqual(['harbour-reopens#1', 'library-budget#1']);
    expect(result.answer).toContain('The harbour at Port Ellis reopened on Monday');
  });
});
