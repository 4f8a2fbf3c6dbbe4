import { beforeAll, describe, expect, it } from 'vitest';
import { analyseArticle } from '../../src/quotes/analysed-paragraphs.js';
import { buildArticleRegistry, type RegistryEntity } from '../../src/quotes/registry.js';
import { loadTagger } from '../../src/quotes/tagger.js';
import { articleFromText } from './article-from-text.js';

beforeAll(() => loadTagger());

function registryOf(body: string): Map<string, RegistryEntity> {
  const article = articleFromText(body);
  const registry = buildArticleRegistry(article, analyseArticle(article));
  return new Map([...registry.entities.values()].map((e) => [e.canonical, e]));
}

const roleOf = (body: string, name: string): string | null | undefined => registryOf(body).get(name)?.role;

describe('roles set off by commas before the name', () => {
  it('reads a possessive role phrase before the name', () => {
    expect(roleOf('Brandt’s lawyer, Nora Ellison, had argued for bail.', 'Nora Ellison')).toBe(
      'Brandt’s lawyer',
    );
  });

  it('reads "the head teacher, Mrs X," at the start of a sentence, lower-casing its article', () => {
    const people = registryOf('The head teacher, Mrs Carol Pennick, arrived at dawn.');
    expect(people.get('Carol Pennick')?.role).toBe('the head teacher');
  });

  it('keeps "for …" after the role noun: "A spokeswoman for Foo, Jane Roe, said"', () => {
    expect(
      roleOf('A spokeswoman for the Harbour Trust, Jane Roe, said talks would resume.', 'Jane Roe'),
    ).toBe('a spokeswoman for the Harbour Trust');
  });

  it('drops a possessive pronoun, which means nothing out of its sentence', () => {
    expect(roleOf('Her coach, Peter Quill, said she had trained hard.', 'Peter Quill')).toBe('coach');
  });

  it('does not take a clause before the comma for a role', () => {
    const people = registryOf('On Tuesday, Nora Ellison said the talks had failed.');
    expect(people.get('Nora Ellison')?.role ?? null).toBeNull();
  });

  it('gives an organisation no role from the phrase before it', () => {
    const people = registryOf('A clerk at the firm, Brandt Capital Partners, spotted the gap.');
    expect(people.get('Brandt Capital Partners')?.role ?? null).toBeNull();
  });

  it('prefers an apposition after the name to a title', () => {
    expect(
      roleOf('Councillor Amy Teller, the leader of the opposition group, voted against it.', 'Amy Teller'),
    ).toBe('the leader of the opposition group');
  });
});

describe('roles right before the name', () => {
  it('keeps a participle or "-ing" word that qualifies the role', () => {
    expect(roleOf('They heard from retired firefighter Jonas Berg.', 'Jonas Berg')).toBe(
      'retired firefighter',
    );
    expect(roleOf('The firm hired managing director Jonas Berg.', 'Jonas Berg')).toBe('managing director');
  });

  it('records a comma role and the role word next to the name, which wins', () => {
    const berg = registryOf('A court-appointed receiver, attorney Jonas Berg, sold the house.').get(
      'Jonas Berg',
    );
    expect(berg?.role).toBe('attorney');
    expect(berg?.roleTexts).toEqual(['a court-appointed receiver', 'attorney']);
  });

  it('reads a sentence’s capitalised first word as part of the role when it is a noun, not a clause opener', () => {
    expect(roleOf('Harbour master Ana Ruiz said the wall held.', 'Ana Ruiz')).toBe('Harbour master');
    expect(roleOf('Yesterday mayor Tom Hale said the wall held.', 'Tom Hale')).toBe('mayor');
  });

  it('reads capitalised role words before a name as its title', () => {
    const people = registryOf('Group Manager Alistair Crane led the crews. Acme CEO Tariq Osei apologised.');
    expect(people.get('Alistair Crane')?.role).toBe('Group Manager');
    expect(people.get('Tariq Osei')?.role).toBe('Acme CEO');
  });

  it('skips an age to read the apposition after it', () => {
    expect(
      roleOf('The board named Mira Solis, 51, the company’s finance chief, as successor.', 'Mira Solis'),
    ).toBe('the company’s finance chief');
  });
});

describe('titles as roles', () => {
  it('keeps the title when a verb in "-ing" stands before it', () => {
    expect(roleOf('Jane Roe is criticizing President Paul Hart again.', 'Paul Hart')).toBe('President');
  });

  it('never keeps a courtesy title alone as a role', () => {
    const people = registryOf('Dr. Ana Ruiz spoke. Prof. Ian Kemp agreed. Sir Tom Hale left.');
    for (const name of ['Ana Ruiz', 'Ian Kemp', 'Tom Hale']) expect(people.get(name)?.role).toBeNull();
  });

  it('writes out an abbreviated title', () => {
    expect(roleOf('Sen. Thomas Reed voted no.', 'Thomas Reed')).toBe('Senator');
  });
});

describe('who is a person', () => {
  it('registers an unfamiliar name that a person noun introduces', () => {
    const people = registryOf(
      'Another parent, Tae-yang Moon, was worried. Its owner, chipmaker Vornex Labs, was not.',
    );
    expect(people.get('Tae-yang Moon')).toMatchObject({ kind: 'person', role: 'another parent' });
    expect(people.get('Vornex Labs')?.kind).not.toBe('person');
  });

  it('does not take a lone month, a law or a capitalised dateline for a person', () => {
    const people = registryOf(
      'ORRIN FALLS, Ohio — Negotiations had dragged on since January, according to one person close to them. ' +
        'The General Food Law Regulation applies.',
    );
    expect(people.has('January')).toBe(false);
    expect(people.has('ORRIN FALLS')).toBe(false);
    expect([...people.values()].filter((e) => e.kind === 'person')).toEqual([]);
  });
});
