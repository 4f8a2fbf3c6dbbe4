import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/knowledge/split-sentences.js';

describe('splitSentences', () => {
  it('keeps a name after a dotted initialism in its sentence ("the U.S. Army Corps")', () => {
    expect(
      splitSentences(
        'The agency, which runs the project with the U.S. Army Corps of Engineers, said work would start in June. It did not say why.',
      ),
    ).toEqual([
      'The agency, which runs the project with the U.S. Army Corps of Engineers, said work would start in June.',
      'It did not say why.',
    ]);
  });

  it('still ends a sentence on an initialism when the next one opens like a sentence', () => {
    expect(splitSentences('He moved to the U.S. Then he left for good.')).toEqual([
      'He moved to the U.S.',
      'Then he left for good.',
    ]);
  });

  it('keeps titles with a full stop inside their sentence', () => {
    expect(splitSentences('It was signed by Gov. Elaine Whitcomb and Sen. Tom Reed on Monday.')).toHaveLength(
      1,
    );
  });
});
