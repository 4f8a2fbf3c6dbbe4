import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildKnowledgeIndex } from '../../src/engine/build-index.js';
import { namedInText, type NameIndex } from '../../src/engine/name-mentions.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import { articleFromText } from '../quotes/article-from-text.js';

const MATCH = articleFromText(
  [
    'The referee pointed to the spot after ruling that the Hartmoor centre-back Rhys Caddick had handled a cross.',
    'Replays appeared to show the ball striking Caddick on the shoulder. Fans threw a rose onto the pitch.',
    'Séan O’Neill watched from the stand on Monday.',
  ].join('\n\n'),
  'match.md',
);

/** Every word a name, every paragraph for any word: what the index narrows, namedInText still checks. */
const ALL: NameIndex = { isName: () => true, paragraphsHolding: () => MATCH.paragraphs };

// /quote for someone the articles name only in passing: the speaker registry may not know them, but the
// bot must not answer that the articles name no one of that name.
describe('namedInText', () => {
  it('finds a name as written, its words in a row and capitalised, with the paragraphs naming it', () => {
    expect(namedInText(ALL, 'rhys caddick')).toEqual({ name: 'Rhys Caddick', paragraphs: ['match#1'] });
    expect(namedInText(ALL, 'Caddick')).toEqual({ name: 'Caddick', paragraphs: ['match#1', 'match#2'] });
    expect(namedInText(ALL, "Sean O'Neill")).toEqual({ name: 'Séan O’Neill', paragraphs: ['match#3'] });
  });

  it('finds nothing for words not capitalised there, one dictionary word, or names not in a row', () => {
    expect(namedInText(ALL, 'Rose')).toBeUndefined();
    expect(namedInText(ALL, 'Ruling That')).toBeUndefined();
    expect(namedInText(ALL, 'Monday')).toBeUndefined();
    expect(namedInText(ALL, 'Rhys O’Neill')).toBeUndefined();
    expect(namedInText(ALL, '  ')).toBeUndefined();
    // Words the articles also write in lower case are not read as a name at all.
    expect(namedInText({ ...ALL, isName: () => false }, 'Rhys Caddick')).toBeUndefined();
  });

  it('makes /quote say that a person named only in passing is mentioned but never quoted', async () => {
    const embedder = await openEmbedder(loadConfig({}));
    const { index } = await buildKnowledgeIndex([MATCH], embedder);
    const caddick = index.quote('rhys caddick');
    expect(caddick).toMatchObject({ speaker: 'Rhys Caddick', quotes: [] });
    expect(caddick.mentioned).toContain('match#1');
    expect(index.quote('Monday').speaker).toBeNull();
  });
});
