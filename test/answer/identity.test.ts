import { beforeAll, describe, expect, it } from 'vitest';
import { HybridRetriever, RANKING_WEIGHTS, type Ranking } from '../../src/answer/retrieve.js';
import { loadConfig } from '../../src/config.js';
import { buildKnowledgeIndex, type ArticleIndex } from '../../src/engine/build-index.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import { articleFromText } from '../quotes/article-from-text.js';

// Ruiz is named in two paragraphs; only the second says who she is.
const STORY = `
The ferry from Port Ellis resumed its winter timetable on Monday after a week of storms.

Ana Ruiz, the harbour master, said the repairs to the north pier would take until spring.

Ana Ruiz said on Monday that Ana Ruiz would ask the council for more crews.
`;

let index: ArticleIndex;

beforeAll(async () => {
  const embedder = await openEmbedder(loadConfig({}));
  index = (
    await buildKnowledgeIndex([articleFromText(STORY, 'ferry.md', 'Ferry timetable resumes')], embedder)
  ).index;
});

/** The question ranked by the index, and by the same retriever without the identity weight. */
async function rankedWithAndWithoutIdentity(question: string): Promise<{ on: Ranking; without: Ranking }> {
  const { core, vectors } = await index.query(question);
  const { evidence, people, termVectors, options } = index.retriever;
  const off = new HybridRetriever(evidence, people, termVectors, {
    ...options,
    weights: { ...RANKING_WEIGHTS, identity: 0 },
  });
  return { on: index.retriever.rank(core, vectors), without: off.rank(core, vectors) };
}

/** A paragraph's score in a ranking, by its id. */
function score(ranking: Ranking, id: string): number {
  return ranking.paragraphs.find((p) => p.paragraph.id === id)!.score;
}

describe('who is X', () => {
  // That the role sentence then ranks first is held by ask.test.ts and the question bank's figures.
  it('raises the sentence that gives the person’s role, and only that one', async () => {
    const { on, without } = await rankedWithAndWithoutIdentity('Who is Ana Ruiz?');
    expect(score(on, 'ferry#2')).toBeGreaterThan(score(without, 'ferry#2'));
    expect(score(on, 'ferry#3')).toBeCloseTo(score(without, 'ferry#3'), 9);
  });
});

describe('who is the one who did something to X', () => {
  // "Who's leading the inquiry into Ana Ruiz" names Ruiz but asks for someone else: the sentence giving
  // Ruiz's role is no answer to it.
  it('does not raise the sentence that gives the role of the person the question names', async () => {
    const { on, without } = await rankedWithAndWithoutIdentity(
      'Who is asking the council for more crews for Ana Ruiz?',
    );
    expect(on.focus.intent).toBe('identity');
    expect(score(on, 'ferry#2')).toBeCloseTo(score(without, 'ferry#2'), 9);
  });
});
