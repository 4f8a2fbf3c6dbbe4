import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildKnowledgeIndex, type ArticleIndex } from '../../src/engine/build-index.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';

// Two small articles of the tests' own: questions in other words than theirs, as members ask.
let index: ArticleIndex;

beforeAll(async () => {
  const embedder = await openEmbedder(loadConfig({}));
  index = (await buildKnowledgeIndex(await loadKnowledge('test/fixtures/meaning'), embedder)).index;
});

const cited = async (question: string) => {
  const result = await index.ask(question);
  expect(result.declined, result.answer).toBe(false);
  return result.citations[0]!.id;
};

describe('ask, matching by meaning', () => {
  it('finds a fact asked for in other words ("turnover shrink" for "revenue fell")', async () => {
    expect(await cited('did turnover shrink at the bakery chain?')).toBe('bakery-results#1');
  });

  it('finds a person asked for by a role the article words differently', async () => {
    const result = await index.ask('what did the prosecutor say?');
    expect(result.citations[0]!.id).toBe('harbour-trial#2');
    expect(result.answer).toContain('District Attorney Rosa Quintero');
  });

  it('finds a derived word ("founded" for "founder")', async () => {
    expect(await cited('who founded the bakery chain?')).toBe('bakery-results#2');
  });
});

describe('ask, courtesy and names', () => {
  it('does not let thanks or "please answer briefly" decline a question', async () => {
    expect(await cited('Thanks! When is the sentencing?')).toBe('harbour-trial#4');
    expect(await cited('What did Rosa Quintero say? Please answer briefly.')).toBe('harbour-trial#2');
    expect(await cited('what does the article say about flour prices')).toBe('bakery-results#3');
  });

  it('finds a speaker through the same resolver as /quote, typo and all', async () => {
    const result = await index.ask('what did Quinteroo say');
    expect(result.declined).toBe(false);
    expect(result.answer).toContain('Nobody buys a contract');
  });

  it('declines a question about a name nothing in the articles matches, naming it', async () => {
    const result = await index.ask('What is the capital of Peru?');
    expect(result.declined).toBe(true);
    expect(result.answer).toContain('do not mention Peru');
  });
});

describe('ask, answers that can be trusted', () => {
  it('quotes a quotation whole and with its speaker named, never from its middle', async () => {
    const result = await index.ask('what did the chief executive say about margins and customers?');
    expect(result.answer).toContain('Chief executive Tomasz Brandt');
    expect(result.answer).toContain('“We held our prices for as long as we could.');
    expect(result.answer).not.toMatch(/(?:^|\] )[^“]*”/);
  });
});
