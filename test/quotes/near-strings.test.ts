import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load-knowledge.js';
import { DeletionIndex, deletions, editDistance } from '../../src/quotes/near-strings.js';
import { buildQuoteIndex, normaliseName } from '../../src/quotes/quote-index.js';

/** Every name form of the real articles, as the index compares them. */
let names: string[] = [];
beforeAll(async () => {
  const articles = [
    ...(await loadKnowledge('knowledge')),
    ...(await loadKnowledge('test/fixtures/heldout-style')),
  ];
  const index = await buildQuoteIndex(articles);
  names = [...new Set(index.people.flatMap((p) => [p.canonical, ...p.aliases]).map(normaliseName))];
});

describe('DeletionIndex', () => {
  it('finds exactly the names a one-character deletion away, in order, as a scan would', () => {
    expect(names.length).toBeGreaterThan(20);
    const index = new DeletionIndex(names, { includeSelf: false });
    const queries = new Set(names.flatMap((n) => [n, ...deletions(n)]));
    for (const query of queries) {
      const expected = names.flatMap((n, k) => (deletions(n).has(query) ? [k] : []));
      expect(index.find(query)).toEqual(expected);
    }
  });

  it('finds a name by its own text only when asked to', () => {
    const [name] = names;
    expect(new DeletionIndex([name!], { includeSelf: true }).find(name!)).toEqual([0]);
    expect(new DeletionIndex([name!], { includeSelf: false }).find(name!)).toEqual([]);
  });

  it('lists a name once when two deletions give the same string', () => {
    expect(new DeletionIndex(['anna'], { includeSelf: false }).find('ana')).toEqual([0]);
  });

  it('does not answer with a name whose deletion merely shares the query’s hash', () => {
    // "yaczfa" and "glbppa" have the same 32-bit FNV-1a hash.
    const index = new DeletionIndex(['glbppaz'], { includeSelf: false });
    expect(index.find('glbppa')).toEqual([0]);
    expect(index.find('yaczfa')).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit, and stops counting past the cap', () => {
    expect(editDistance('ortiz', 'oritz', 2)).toBe(1);
    expect(editDistance('ortiz', 'ortis', 2)).toBe(1);
    expect(editDistance('ortiz', 'orti', 2)).toBe(1);
    expect(editDistance('ortiz', 'haddad', 2)).toBe(3);
    expect(editDistance('', 'abc', 5)).toBe(3);
  });
});
