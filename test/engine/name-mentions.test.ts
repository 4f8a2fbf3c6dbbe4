import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildKnowledgeIndex } from '../../src/engine/build-index.js';
import { namedInText, type NameIndex } from '../../src/engine/name-mentions.js';
import { openEmbedder } from '../../src/engine/open-library.js';
import { articleFromText } from '../quotes/article-from-text.js';

const MATCH = articleFromText(
  [
    'The umpire halted the game after deciding that the Pellbrook wicketkeeper Emrys Tresk had moved too early.',
    'Television pictures showed Tresk fumbling the ball twice. Someone in the crowd tossed a rose over the rope.',
    'Séan O’Neill watched from the pavilion on Monday.',
    'The scorer, Hye-jin Park, left through the park gate at tea.',
  ].join('\n\n'),
  'match.md',
);

/** Every word a name, every paragraph for any word: what the index narrows, namedInText still checks. */
const ALL: NameIndex = { isName: () => true, paragraphsHolding: () => MATCH.paragraphs };

// /quote for someone the articles name only in passing: the speaker registry may not know them, but the
// bot must not answer that the articles name no one of that name.
describe('namedInText', () => {
  it('finds a name as written, its words in a row and capitalised, with the paragraphs naming it', () => {
    expect(namedInText(ALL, 'emrys tresk')).toEqual({ name: 'Emrys Tresk', paragraphs: ['match#1'] });
    expect(namedInText(ALL, 'Tresk')).toEqual({ name: 'Tresk', paragraphs: ['match#1', 'match#2'] });
    expect(namedInText(ALL, "Sean O'Neill")).toEqual({ name: 'Séan O’Neill', paragraphs: ['match#3'] });
  });

  it('finds nothing for words not capitalised there, one dictionary word, or names not in a row', () => {
    expect(namedInText(ALL, 'Rose')).toBeUndefined();
    expect(namedInText(ALL, 'Deciding That')).toBeUndefined();
    expect(namedInText(ALL, 'Monday')).toBeUndefined();
    expect(namedInText(ALL, 'Emrys O’Neill')).toBeUndefined();
    expect(namedInText(ALL, '  ')).toBeUndefined();
    // Words the articles also write in lower case are not read as a name at all.
    expect(namedInText({ ...ALL, isName: () => false }, 'Emrys Tresk')).toBeUndefined();
  });

  it('makes /quote say that a person named only in passing is mentioned but never quoted', async () => {
    const embedder = await openEmbedder(loadConfig({}));
    const { index } = await buildKnowledgeIndex([MATCH], embedder);
    const tresk = index.quote('emrys tresk');
    expect(tresk).toMatchObject({ speaker: 'Emrys Tresk', quotes: [] });
    expect(tresk.mentioned).toContain('match#1');
    expect(index.quote('Monday').speaker).toBeNull();
    // The index reads "Hye-jin" as two words, and "park" is no name on its own here.
    expect(index.quote('Hye-jin Park')).toMatchObject({ speaker: 'Hye-jin Park', mentioned: ['match#4'] });
  });
});
