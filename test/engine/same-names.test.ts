import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildKnowledgeIndex, type ArticleIndex } from '../../src/engine/build-index.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';

let index: ArticleIndex;

beforeAll(async () => {
  const embedder = await openEmbedder(loadConfig({}));
  index = (await buildKnowledgeIndex(await loadKnowledge('test/fixtures/two-articles'), embedder)).index;
});

// Every way a member may name someone: full name, surname, title and surname, a typo, and (for /ask)
// the role the article gives. /quote and /ask must land on the same person for each.
const FORMS: [string, string][] = [
  ['Priya Nair', 'Priya Nair'],
  ['Nair', 'Priya Nair'],
  ['Ms Nair', 'Priya Nair'],
  ['Priya Nar', 'Priya Nair'],
  ['priya nair', 'Priya Nair'],
  ['Tom Berg', 'Tom Berg'],
  ['Mr Berg', 'Tom Berg'],
  ['Mayor Berg', 'Tom Berg'],
  ['Tom Burg', 'Tom Berg'],
  ['Ana Ruiz', 'Ana Ruiz'],
  ['Ruiz', 'Ana Ruiz'],
];

describe('/ask and /quote know people by the same names', () => {
  it.each(FORMS)('%s is %s to both', async (form, person) => {
    expect(index.quote(form).speaker).toBe(person);
    const ranking = await index.rank(`What did ${form} say?`);
    expect(ranking.focus.subject?.person.canonical).toBe(person);
  });

  it('finds someone /ask names by role among the people /quote knows', async () => {
    const ranking = await index.rank('What did the harbour master say?');
    const person = ranking.focus.subject?.person.canonical;
    expect(person).toBe('Ana Ruiz');
    expect(index.quote(person!).quotes.length).toBeGreaterThan(0);
  });
});
