import { describe, expect, test } from 'vitest';
import { decodeRefs, encodeRefs, refOf, splitButtonId, textStamp } from '../../src/bot/button-ids.js';

describe('button ids', () => {
  const refs = [
    { doc: 'harbour-reopens', paragraph: 2 },
    { doc: 'harbour-reopens', paragraph: 5 },
    { doc: 'library-budget', paragraph: 1 },
  ];

  test('encode paragraph refs compactly and read them back in order', () => {
    const encoded = encodeRefs(refs, 100);
    expect(encoded).toBe('harbour-reopens.2.5;library-budget.1');
    expect(decodeRefs(encoded)).toEqual(refs);
  });

  test('keep as many refs as fit the room, from the first', () => {
    expect(decodeRefs(encodeRefs(refs, 20))).toEqual(refs.slice(0, 2));
    expect(encodeRefs(refs, 5)).toBe('');
  });

  test('read nothing from a forged or damaged id', () => {
    for (const bad of ['../etc.1', 'harbour-reopens', 'harbour-reopens.x', 'a.1;B.2', 'a.1234567'])
      expect(decodeRefs(bad)).toEqual([]);
  });

  test('split at the first colon into the command and the rest', () => {
    expect(splitButtonId('quote:context:Dr: Who')).toEqual({
      command: 'quote',
      args: ['context', 'Dr', ' Who'],
    });
    expect(refOf('harbour-reopens#12')).toEqual({ doc: 'harbour-reopens', paragraph: 12 });
    expect(refOf('harbour-reopens#12.3')).toBeUndefined();
  });

  test('stamp texts so an edit shows, in 8 characters', () => {
    expect(textStamp(['a', 'b'])).toHaveLength(8);
    expect(textStamp(['a', 'b'])).toBe(textStamp(['a', 'b']));
    expect(textStamp(['a', 'b'])).not.toBe(textStamp(['a', 'c']));
    expect(textStamp(['ab'])).not.toBe(textStamp(['a', 'b']));
  });
});
