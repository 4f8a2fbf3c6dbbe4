import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/knowledge/split-sentences.js';

describe('splitSentences', () => {
  it('keeps a name after a dotted initialism in its sentence ("the U.S. Forest Service")', () => {
    expect(
      splitSentences(
        'The county, which shares the trail survey with the U.S. Forest Service, said crews would begin in April. It gave no reason.',
      ),
    ).toEqual([
      'The county, which shares the trail survey with the U.S. Forest Service, said crews would begin in April.',
      'It gave no reason.',
    ]);
  });

  it('still ends a sentence on an initialism when the next one opens like a sentence', () => {
    expect(splitSentences('He moved to the U.S. Then he left for good.')).toEqual([
      'He moved to the U.S.',
      'Then he left for good.',
    ]);
  });

  it('keeps titles with a full stop inside their sentence', () => {
    expect(splitSentences('It was signed by Gov. Lorna Dallow and Sen. Tom Prewitt on Monday.')).toHaveLength(
      1,
    );
  });
});
