import { describe, expect, it } from 'vitest';
import { buildQuoteIndex, MAX_SUGGESTIONS, normaliseName } from '../../src/quotes/quote-index.js';
import { articleFromText } from './article-from-text.js';

const harbour = articleFromText(
  [
    'The harbour reopened on Monday after a week of repairs, said Maria Ortiz, the port’s director.',
    '“We are back in business,” Ms Ortiz said. “Ships can dock again.”',
    'Omar Haddad, who runs the ferry line, said he was “relieved”. Mayor Lena Fischer did not comment.',
  ].join('\n\n'),
  'harbour.md',
);
const budget = articleFromText(
  [
    'The library budget was cut by a tenth, said Maria Ortiz, who chairs the Friends of the Library.',
    '“It is a sad day,” Ms Ortiz said.',
    'David Lee, the council’s treasurer, said the cut was “unavoidable”.',
  ].join('\n\n'),
  'budget.md',
);
const school = articleFromText('“Class sizes will grow,” said Susan Lee, a head teacher.', 'school.md');
const index = await buildQuoteIndex([harbour, budget, school]);

describe('buildQuoteIndex: lookup', () => {
  it('returns a speaker’s quotes in article order, each with citation and context', () => {
    const result = index.lookup('Maria Ortiz');
    expect(result).toMatchObject({ query: 'Maria Ortiz', speaker: 'Maria Ortiz', suggestions: [] });
    expect(result.quotes).toEqual([
      {
        text: 'We are back in business',
        id: 'harbour#2',
        doc: 'harbour',
        paragraph: 2,
        context: '“We are back in business,” Ms Ortiz said.',
      },
      {
        text: 'Ships can dock again.',
        id: 'harbour#2',
        doc: 'harbour',
        paragraph: 2,
        context: '“Ships can dock again.”',
      },
      {
        text: 'It is a sad day',
        id: 'budget#2',
        doc: 'budget',
        paragraph: 2,
        context: '“It is a sad day,” Ms Ortiz said.',
      },
    ]);
    expect(result.mentioned).toEqual(['harbour#1', 'harbour#2', 'budget#1', 'budget#2']);
  });

  it('finds a speaker by surname, title + surname, any case, and with a typo', () => {
    for (const query of ['ortiz', 'Ms Ortiz', 'MARIA ORTIZ', 'Maria Ortis', 'Mria Ortiz']) {
      expect(index.lookup(query).speaker).toBe('Maria Ortiz');
    }
  });

  it('says a person is named but never quoted, citing where', () => {
    expect(index.lookup('Lena Fischer')).toEqual({
      query: 'Lena Fischer',
      speaker: 'Lena Fischer',
      quotes: [],
      mentioned: ['harbour#3'],
      suggestions: [],
    });
  });

  it('keeps two people who share a surname apart, and offers the other as a suggestion', () => {
    expect(index.lookup('David Lee').quotes.map((q) => q.text)).toEqual(['unavoidable']);
    expect(index.lookup('Susan Lee').quotes.map((q) => q.text)).toEqual(['Class sizes will grow']);
    const ambiguous = index.lookup('Lee');
    expect(['David Lee', 'Susan Lee']).toContain(ambiguous.speaker);
    expect(ambiguous.suggestions).toHaveLength(1);
  });

  it('answers an unknown name with no speaker and the nearest names', () => {
    const result = index.lookup('Omar Hadad Junior');
    expect(result.speaker).toBeNull();
    expect(result.quotes).toEqual([]);
    expect(result.suggestions[0]).toBe('Omar Haddad');
    expect(index.lookup('   ').speaker).toBeNull();
    expect(index.lookup('x'.repeat(5000)).speaker).toBeNull();
  });

  it('answers a lookup from a map, well under a millisecond', () => {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) index.lookup(i % 2 ? 'Ms Ortiz' : 'haddad');
    expect((performance.now() - started) / 1000).toBeLessThan(1);
  });
});

describe('buildQuoteIndex: registry and quotes', () => {
  it('merges the same canonical name across articles, with the sentences where they speak', () => {
    const ortiz = index.people.find((p) => p.canonical === 'Maria Ortiz');
    expect(ortiz).toMatchObject({ kind: 'person', quoteCount: 3, role: 'the port’s director' });
    expect(ortiz!.spoke).toEqual(
      expect.arrayContaining(['harbour#1.1', 'harbour#2.1', 'budget#1.1', 'budget#2.1']),
    );
    expect(ortiz!.aliases).toEqual(expect.arrayContaining(['Maria Ortiz', 'Ortiz', 'Ms Ortiz']));
  });

  it('lists every quote, attributed or not, in article order', () => {
    expect(index.quotes.map((q) => [q.doc, q.text, q.speaker])).toEqual([
      ['harbour', 'We are back in business', 'Maria Ortiz'],
      ['harbour', 'Ships can dock again.', 'Maria Ortiz'],
      ['harbour', 'relieved', 'Omar Haddad'],
      ['budget', 'It is a sad day', 'Maria Ortiz'],
      ['budget', 'unavoidable', 'David Lee'],
      ['school', 'Class sizes will grow', 'Susan Lee'],
    ]);
  });
});

describe('buildQuoteIndex: suggest', () => {
  it('lists the most quoted speakers first for an empty prefix', () => {
    expect(index.suggest('').slice(0, 2)).toEqual([
      { name: 'Maria Ortiz', quoteCount: 3 },
      { name: 'David Lee', quoteCount: 1 },
    ]);
  });

  it('matches a prefix of the name or of any word in it, best first', () => {
    expect(index.suggest('le').map((s) => s.name)).toEqual(['Lena Fischer', 'David Lee', 'Susan Lee']);
    expect(index.suggest('OR').map((s) => s.name)).toEqual(['Maria Ortiz']);
  });

  it('reads a typed title as nothing, and does not offer everyone with a title for its first letter', () => {
    expect(index.suggest('Ms Fisch').map((s) => s.name)).toEqual(['Lena Fischer']);
    expect(index.suggest('mr lee').map((s) => s.name)).toEqual(['David Lee', 'Susan Lee']);
    const forM = index.suggest('m').map((s) => s.name);
    expect(forM).toContain('Maria Ortiz');
    expect(forM).not.toContain('David Lee');
  });

  it('never returns more than 25 suggestions', async () => {
    const crowd = articleFromText(
      Array.from(
        { length: 40 },
        (_, i) => `“Yes,” said Anna Person${String.fromCharCode(65 + (i % 26))}${i}.`,
      ).join('\n\n'),
    );
    const big = await buildQuoteIndex([crowd]);
    expect(big.suggest('')).toHaveLength(MAX_SUGGESTIONS);
    expect(big.suggest('anna', 100)).toHaveLength(MAX_SUGGESTIONS);
    expect(big.suggest('anna', 3)).toHaveLength(3);
  });

  // One- and two-letter prefixes are answered from a table made once; longer ones by a scan.
  it('answers one- and two-letter prefixes as it answers longer ones, beside one-letter name forms', async () => {
    const article = articleFromText(
      [
        '“We marched,” Malcolm X said.',
        '“The vote is close,” said Xavier Duran. “Closer than we hoped,” Duran added.',
        '“Thanks,” said Xenia Ulloa.',
      ].join('\n\n'),
    );
    const small = await buildQuoteIndex([article]);
    const names = (prefix: string) => small.suggest(prefix).map((s) => s.name);
    expect(names('x')).toEqual(['Xavier Duran', 'Xenia Ulloa', 'Malcolm X']);
    expect(names('xa')).toEqual(['Xavier Duran']);
    expect(names('xav')).toEqual(['Xavier Duran']);
    expect(names('xe')).toEqual(['Xenia Ulloa']);
    expect(names('du')).toEqual(names('dur'));
    expect(names('zz')).toEqual([]);
  });
});

describe('normaliseName', () => {
  it('ignores case, accents, dots and curly apostrophes', () => {
    expect(normaliseName('  Dr. José  O’Neill ')).toBe("dr jose o'neill");
  });
});
