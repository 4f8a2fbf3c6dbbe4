import { describe, expect, it } from 'vitest';
import { PeopleMatcher, type PersonProfile } from '../../src/answer/question-focus.js';

const person = (
  name: string,
  aliases: string[],
  role: string | null,
  spoke: string[] = [],
  kind: PersonProfile['kind'] = 'person',
): PersonProfile => ({
  canonical: name,
  kind,
  aliases: [name, ...aliases],
  role,
  mentions: ['a#1.1'],
  spoke,
});

const ruiz = person('Ana Ruiz', ['Ruiz', 'Ms Ruiz'], 'harbour master', ['a#2.1']);
const berg = person('Tom Berg', ['Berg', 'Mr Berg'], 'mayor of Port Ellis', ['a#4.2']);
const board = person('Harbour Board', [], null, [], 'organisation');
const nair = person('Priya Nair', ['Nair'], 'the councillor responsible for culture', ['b#2.1']);
const matcher = new PeopleMatcher([ruiz, berg, board, nair]);

describe('PeopleMatcher.find', () => {
  it('finds a person by full name, surname or title and surname, whatever the case', () => {
    for (const question of ['What did Ana Ruiz say?', 'what did ruiz say', 'What did Ms Ruiz say?']) {
      expect(matcher.find(question).people.map((m) => m.person.canonical)).toContain('Ana Ruiz');
    }
  });

  it('finds a person by the role the article gives them', () => {
    const focus = matcher.find('What did the harbour master say?');
    expect(focus.people[0]).toMatchObject({ person: ruiz });
    expect(focus.subject?.person).toBe(ruiz);
  });

  it('is less sure of a role found only through a word near it in meaning', () => {
    // The word vectors put "minister" near "mayor"; the article's mayor is not named by it outright.
    const near = new Map([['minist', ['mayor']]]);
    const byMeaning = matcher.find('Who is the minister?', near).people.find((m) => m.person === berg);
    const byWord = matcher.find('Who is the mayor?').people.find((m) => m.person === berg);
    expect(byWord?.confidence).toBeGreaterThan(byMeaning?.confidence ?? 0);
  });

  it('reads the intent: what someone said, who someone is, or neither', () => {
    expect(matcher.find('What did Berg say about the wall?').intent).toBe('said');
    expect(matcher.find('Who is Priya Nair?').intent).toBe('identity');
    expect(matcher.find('When did the harbour reopen?').intent).toBe('other');
  });

  it('takes the head of the subject phrase as the speaker, not a modifier naming someone else', () => {
    // "Harbour Board" is named, but the question asks what its master said.
    const matcher2 = new PeopleMatcher([board, person('Li Wei', [], 'Harbour Board master', ['c#1.1'])]);
    expect(matcher2.find('What did the Harbour Board master say?').subject?.person.canonical).toBe('Li Wei');
  });

  it('does not take a role that shares only its head noun', () => {
    const focus = new PeopleMatcher([nair]).find('What did the transport councillor say?');
    expect(focus.subject).toBeUndefined();
  });

  it('answers for a silent organisation with the words of the one spokesperson its role names', () => {
    const port = { ...person('Port Authority', [], null), kind: 'organisation' as const };
    const voice = person('Sam Lee', ['Lee'], 'Port Authority spokesman', ['d#2.1']);
    const focus = new PeopleMatcher([port, voice]).find('What did the Port Authority say?');
    expect(focus.subject?.person).toBe(voice);
    // A silent person is never given someone else's words.
    const town = person('Jo Town', ['Town'], null);
    const clerk = person('Al Roe', ['Roe'], 'town clerk', ['d#3.1']);
    expect(new PeopleMatcher([town, clerk]).find('What did Jo Town say?').subject?.person).toBe(town);
  });

  it('finds nobody in a question about no one', () => {
    expect(matcher.find('What is the capital of France?').people).toEqual([]);
  });
});
