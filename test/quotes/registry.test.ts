import { beforeAll, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/quotes/analysed-paragraphs.js';
import { buildArticleRegistry, type RegistryEntity } from '../../src/quotes/registry.js';
import { roleHead } from '../../src/quotes/roles.js';
import { loadTagger } from '../../src/quotes/tagger.js';
import { articleFromText } from './article-from-text.js';

beforeAll(() => loadTagger());

function registryOf(body: string): Map<string, RegistryEntity> {
  const article = articleFromText(body);
  const registry = buildArticleRegistry(article, analyseArticle(article));
  return new Map([...registry.entities.values()].map((e) => [e.canonical, e]));
}

describe('buildArticleRegistry', () => {
  it('names a person by the fullest form and links surname and title + surname to it', () => {
    const people = registryOf(
      'President Lena Fischer spoke first.\n\nMs Fischer left early. Fischer was tired.',
    );
    const fischer = people.get('Lena Fischer');
    expect(fischer).toMatchObject({ kind: 'person', gender: 'female', role: 'President' });
    expect([...fischer!.aliases]).toEqual(
      expect.arrayContaining(['Lena Fischer', 'President Lena Fischer', 'Fischer', 'Ms Fischer']),
    );
    expect(fischer!.mentions.map((m) => m.sentenceId)).toEqual(['made-up#1.1', 'made-up#2.1', 'made-up#2.2']);
    expect(people.has('Fischer')).toBe(false);
  });

  it('reads an imperative opening a sentence before a surname as a verb ("Ask Pellow about …")', () => {
    const people = registryOf(
      'Margaret Pellow sells books from a barge.\n\nAsk Pellow about the row and she frowns.',
    );
    expect([...people.keys()]).toEqual(['Margaret Pellow']);
  });

  it('takes the role from an apposition after the name', () => {
    const people = registryOf('“No,” said Omar Haddad, director of the Coastal Trust in Dover.');
    expect(people.get('Omar Haddad')?.role).toBe('director of the Coastal Trust in Dover');
    expect([...people.get('Omar Haddad')!.roleHeads]).toEqual(['director']);
  });

  it('takes the role from ", who became …", up to where the clause moves on', () => {
    const people = registryOf(
      'Anna Petrov, who became chief executive of Brisco’s in March last year, said orders had slowed.',
    );
    expect(people.get('Anna Petrov')?.role).toBe('chief executive of Brisco’s');
  });

  it('takes the role from role words before the name', () => {
    const people = registryOf('Harbour Board spokesman John Doe declined to comment.');
    expect(people.get('John Doe')?.role).toBe('Harbour Board spokesman');
    expect(people.get('Harbour Board')?.kind).toBe('organisation');
  });

  it('reads a middle initial’s full stop as inside the name, so the surname alone finds it', () => {
    const people = registryOf(
      'The suit was filed by Tomas K. Lindqvist on Monday.\n\nLindqvist said it would win.',
    );
    expect([...people.get('Tomas K. Lindqvist')!.aliases]).toEqual(expect.arrayContaining(['Lindqvist']));
    expect(people.has('Lindqvist')).toBe(false);
  });

  it('leaves a capitalised trade or a "-based" place opening a sentence out of the name', () => {
    const people = registryOf('Journalist Jorge Ramirez replied.\n\nTexas-based Matt Mackenzie agreed.');
    expect(people.has('Jorge Ramirez')).toBe(true);
    expect(people.has('Matt Mackenzie')).toBe(true);
  });

  it('keeps a name given with "Mr" and no first name as a person of its own', () => {
    const people = registryOf('Mr Okonkwo did not reply.');
    expect(people.get('Okonkwo')).toMatchObject({ kind: 'person', gender: 'male' });
  });

  it('knows organisations by their last word and places by the dictionary', () => {
    const people = registryOf('The Metro Institute and the University of Leeds wrote to Canada and Peru.');
    expect(people.get('Metro Institute')?.kind).toBe('organisation');
    expect(people.get('University of Leeds')?.kind).toBe('organisation');
    expect(people.get('Canada')?.kind).toBe('place');
  });

  it('does not take a sentence’s capitalised first word or a nationality for a name', () => {
    const people = registryOf('Observers were puzzled. Tensions rose as Korean officials met.');
    expect([...people.keys()]).toEqual([]);
  });

  it('records mentions inside quotes, such as an editorial bracket', () => {
    const people = registryOf('Lena Fischer arrived.\n\n“He [Mr Vance] would lose,” said Paul Marsh.');
    expect(people.get('Vance')?.mentions[0]?.stream).toBe(0);
  });
});

describe('roleHead', () => {
  it('is the noun a role hangs on, before any preposition', () => {
    expect(roleHead('US secretary of state')).toBe('secretary');
    expect(roleHead('programme manager at the Metro Institute')).toBe('manager');
    expect(roleHead('White House spokesman')).toBe('spokesman');
  });
});
