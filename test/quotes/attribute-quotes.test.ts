import { beforeAll, describe, expect, it } from 'vitest';
import { attributeQuotes } from '../../src/quotes/attribute-quotes.js';
import { analyseArticle } from '../../src/quotes/analysed-paragraphs.js';
import { buildArticleRegistry, recordLearned } from '../../src/quotes/registry.js';
import { loadTagger } from '../../src/quotes/tagger.js';
import { articleFromText } from './article-from-text.js';

beforeAll(() => loadTagger());

/** A made-up article read for quotes: its registry and the attribution made from it. */
function read(body: string) {
  const article = articleFromText(body);
  const registry = buildArticleRegistry(article, analyseArticle(article));
  const attribution = attributeQuotes(registry);
  recordLearned(registry, attribution.learned);
  return { registry, attribution };
}

/** Each quote of a made-up article with the canonical name of its speaker, or null. */
function attributed(body: string): [string, string | null][] {
  const { registry, attribution } = read(body);
  return attribution.quotes.map((q) => [
    q.quote.text,
    q.speaker ? (registry.entities.get(q.speaker)?.canonical ?? q.speaker) : null,
  ]);
}

function spokeIn(body: string): Record<string, string[]> {
  const {
    registry,
    attribution: { spoke },
  } = read(body);
  return Object.fromEntries(
    [...spoke].map(([key, ids]) => [registry.entities.get(key)?.canonical ?? key, [...ids].sort()]),
  );
}

describe('attributeQuotes: attribution patterns', () => {
  it('"X said" after the quote, and a quote split by it', () => {
    expect(attributed('“We support clean energy,” Anna Becker said. “But not at any price.”')).toEqual([
      ['We support clean energy', 'Anna Becker'],
      ['But not at any price.', 'Anna Becker'],
    ]);
  });

  it('"said X" inverted, with an apposition after the name', () => {
    expect(attributed('“It is a mistake,” said Omar Haddad, director of the Coastal Trust.')).toEqual([
      ['It is a mistake', 'Omar Haddad'],
    ]);
  });

  it('"X told Y that …" before a partial quote', () => {
    expect(
      attributed('Lena Fischer told reporters on Monday that the deal was “dead in the water”.'),
    ).toEqual([['dead in the water', 'Lena Fischer']]);
  });

  it('a title with a full stop ("Dr.", "Prof.", "Sen.") belongs to the name after it, never speaks alone', () => {
    expect(
      attributed(
        '“A diary of your night,” said Dr. Inés Varnholt, who studies sleep. “The sample is large,” said Prof. Mathilde Brandholm. Sen. Thomas Reed said: “We will vote no.”',
      ),
    ).toEqual([
      ['A diary of your night', 'Inés Varnholt'],
      ['The sample is large', 'Mathilde Brandholm'],
      ['We will vote no.', 'Thomas Reed'],
    ]);
  });

  it('a councillor or a chief executive is a person, named without the title', () => {
    expect(
      attributed(
        'Councillor Priya Nair told the meeting: “No one went into politics to close libraries.” “Scale matters more than ever,” Acme Chief Executive Dana Okafor said.',
      ),
    ).toEqual([
      ['No one went into politics to close libraries.', 'Priya Nair'],
      ['Scale matters more than ever', 'Dana Okafor'],
    ]);
  });

  it('"she said" in a paragraph that introduces a woman is hers, not the last paragraph’s speaker', () => {
    expect(
      attributed(
        'Replying, Ms Ruth Lane said the scheme was “a sticking plaster”.\n\nAmong those waiting at the gates was Hilda Vossberg, 68. “It’s where I meet my sister,” she said.',
      ),
    ).toEqual([
      ['a sticking plaster', 'Ruth Lane'],
      ['It’s where I meet my sister', 'Hilda Vossberg'],
    ]);
  });

  it('a name no dictionary knows is a person when an apposition, "who" or an age follows it', () => {
    expect(
      attributed(
        'Cormac Tullett, the Brackley coach, was furious. “It was never a foul,” Tullett said.\n\nAnouk Vellacott, who runs the bakeries, said: “None of this was decided lightly.”',
      ),
    ).toEqual([
      ['It was never a foul', 'Cormac Tullett'],
      ['None of this was decided lightly.', 'Anouk Vellacott'],
    ]);
  });

  it('a quoted sentence that runs on past its closing mark to "said X" or "X said"', () => {
    expect(
      attributed(
        '“We are extremely happy” about the ruling, said Rosa Lind, director of the union.\n\n“This will be a challenge” for the council, Tom Becker said.',
      ),
    ).toEqual([
      ['We are extremely happy', 'Rosa Lind'],
      ['This will be a challenge', 'Tom Becker'],
    ]);
  });

  it('"said" and a role with "of" or a participle before the name ("said former secretary of state X")', () => {
    expect(
      attributed(
        '“The first line of defence is the community,” said former secretary of state Hilda Clement.\n\n“I will not call it a mistake,” said retired neurosurgeon Ben Carlsen.\n\nHilda Clement celebrated with supporters, declaring it “another great night.”',
      ),
    ).toEqual([
      ['The first line of defence is the community', 'Hilda Clement'],
      ['I will not call it a mistake', 'Ben Carlsen'],
      ['another great night.', 'Hilda Clement'],
    ]);
  });

  it('a town and its state are an address, never the speaker', () => {
    expect(
      attributed(
        'Speaking at a town hall in Salem, New Hampshire, Tom Becker went after Ana Ruiz, calling her “a total stiff.”\n\nDean Jonsson, a salesman from Sumter, South Carolina, says Ruiz will “leave here with momentum.”\n\n"I have never voted before," said Nicky Dorrell, 24, from Manchester, who said Ruiz suits her. "It is for the people."',
      ),
    ).toEqual([
      ['a total stiff.', 'Tom Becker'],
      ['leave here with momentum.', 'Dean Jonsson'],
      ['I have never voted before', 'Nicky Dorrell'],
      // "who said Ruiz suits her." is Dorrell's reported speech (not Manchester's), and her words follow.
      ['It is for the people.', 'Nicky Dorrell'],
    ]);
  });

  it('"declares X", a speech verb in the present, after the quote', () => {
    expect(attributed('“I am a voter,” declares Stephanie Ames, 27, a navy veteran.')).toEqual([
      ['I am a voter', 'Stephanie Ames'],
    ]);
  });

  it('"Said X," opening a sentence, before the quote', () => {
    expect(
      attributed(
        'The house was restored. Said Dorothy Penner, who grew up nearby, “We were all so proud of him.”',
      ),
    ).toEqual([['We were all so proud of him.', 'Dorothy Penner']]);
  });

  it('"said" with a name, an "-ing" role word and another name: the last name speaks', () => {
    const [[, speaker] = []] = attributed(
      '“They are frustrated,” said Oversight ranking Democrat Elias Cumming.',
    );
    expect(speaker).toMatch(/Elias Cumming$/u);
  });

  it('"X added" after a quote, with a title and surname', () => {
    expect(
      attributed(
        'Lena Fischer left the hall early.\n\n“We will be back,” Ms Fischer added, “with more members.”',
      ),
    ).toEqual([
      ['We will be back', 'Lena Fischer'],
      ['with more members.', 'Lena Fischer'],
    ]);
  });

  it('"according to X", before or after the quote', () => {
    expect(
      attributed(
        'According to Lena Fischer, the plan is “doomed”.\n\n“Nobody wants it”, according to Omar Haddad, a local councillor.',
      ),
    ).toEqual([
      ['doomed', 'Lena Fischer'],
      ['Nobody wants it', 'Omar Haddad'],
    ]);
  });

  it('"X described … as"', () => {
    expect(attributed('Paul Marsh described the proposal as “a fantasy” on Tuesday.')).toEqual([
      ['a fantasy', 'Paul Marsh'],
    ]);
  });

  it('"a call from X for …", past an apposition and another name', () => {
    expect(
      attributed(
        'The vote followed a call from Ruth Adeyemi, the city’s mayor, for Harbour Board members to “stay calm”.',
      ),
    ).toEqual([['stay calm', 'Ruth Adeyemi']]);
  });

  it('"X has accused … of", with an organisation or a country as speaker', () => {
    expect(
      attributed(
        'The Harbour Workers Union has accused the company of “union-busting”.\n\nCanada has accused the firm of “bad faith”.',
      ),
    ).toEqual([
      ['union-busting', 'Harbour Workers Union'],
      ['bad faith', 'Canada'],
    ]);
  });

  it('a speaker introduced by a long apposition before "said that"', () => {
    expect(
      attributed(
        'Rosa Lind, a housing analyst at the Metro Institute, said that while Mr Vance’s prices are “finally cooling”, rents are not.',
      ),
    ).toEqual([['finally cooling', 'Rosa Lind']]);
  });

  it('an apposition ending in a name and its noun ("the Ostrander campaign") before "said:"', () => {
    expect(
      attributed('Lorna Osei, a spokeswoman for the Ostrander campaign, said: “We will appeal the ruling.”'),
    ).toEqual([['We will appeal the ruling.', 'Lorna Osei']]);
  });

  it('a participle ("…, writing:") speaks for a subject with a capitalised modifier before its role', () => {
    expect(
      attributed(
        'Republican mayoral candidate Ivo Marsh took to social media, writing: “Another broken promise.”',
      ),
    ).toEqual([['Another broken promise.', 'Ivo Marsh']]);
  });

  it('"she said" resolves to the nearest earlier woman, past a man named in between', () => {
    expect(
      attributed(
        'Rosa Lind, a housing analyst, said Mr Vance’s plan would fail.\n\n“It was never going to work,” she said.',
      ),
    ).toEqual([['It was never going to work', 'Rosa Lind']]);
  });

  it('"he said" later in the sentence resolves to the sentence’s subject', () => {
    expect(
      attributed(
        'Transport spokesman Kevin Osei tried to calm nerves when he said that services were “almost normal”.',
      ),
    ).toEqual([['almost normal', 'Kevin Osei']]);
  });

  it('a quote continued in the next paragraph goes to the speaker of the quote it continues', () => {
    expect(
      attributed(
        '“Workers have told me, ‘We are not going back,’” Maria Ortiz said. “I believe them.\n\n“And so should the employers.”',
      ),
    ).toEqual([
      ['Workers have told me, ‘We are not going back,’', 'Maria Ortiz'],
      ['I believe them.', 'Maria Ortiz'],
      ['And so should the employers.', 'Maria Ortiz'],
    ]);
  });

  it('an organisation speaking in a statement, then as "it"', () => {
    expect(
      attributed(
        'The Ellsworth Port Authority said in a brief statement that it was “weighing every option”. “We remain open to talks,” it said.',
      ),
    ).toEqual([
      ['weighing every option', 'Ellsworth Port Authority'],
      ['We remain open to talks', 'Ellsworth Port Authority'],
    ]);
  });

  it('a spokesman who "told reporters", with a colon-introduced quote', () => {
    expect(
      attributed(
        'Treasury spokesman John Doe told reporters: “The numbers speak for themselves. We are on track.”',
      ),
    ).toEqual([['The numbers speak for themselves. We are on track.', 'John Doe']]);
  });

  it('"a spokesman for X" makes the organisation the speaker', () => {
    expect(attributed('A spokesman for the Harbour Board said the strike was “regrettable”.')).toEqual([
      ['regrettable', 'Harbour Board'],
    ]);
  });

  it('"said the minister" resolves to the person the article gave that role', () => {
    expect(
      attributed(
        'Health Minister Jane Holt visited the ward.\n\n“We inherited this mess,” said the health minister.',
      ),
    ).toEqual([['We inherited this mess', 'Jane Holt']]);
  });

  it('a colon after a named subject with no speech verb', () => {
    expect(attributed('Kate Moss said: “This is wrong.” Omar Haddad disagreed: “It is overdue.”')).toEqual([
      ['This is wrong.', 'Kate Moss'],
      ['It is overdue.', 'Omar Haddad'],
    ]);
  });

  it('a name alone before a colon labels the quote, as a transcript or digest does', () => {
    expect(
      attributed(
        'Late deciders broke one way - Carla Mendes: “Nobody saw it coming.”\n\nFormer finance minister Ana Ruiz (Labour): “We learned that from the ministry.”\n\nThe message to Tom Becker: “Resign.”',
      ),
    ).toEqual([
      ['Nobody saw it coming.', 'Carla Mendes'],
      ['We learned that from the ministry.', 'Ana Ruiz'],
      ['Resign.', null],
    ]);
  });

  it('a speaker set off by an aside (", speaking on Monday,")', () => {
    expect(attributed('Omar Haddad, speaking on Monday, said the cuts were “long overdue”.')).toEqual([
      ['long overdue', 'Omar Haddad'],
    ]);
  });

  it('a one-word company that speaks, then as "the company", becomes an organisation', () => {
    const { registry, attribution } = read(
      'Zentrix said it would cut 500 jobs. “This is a hard decision,” the company said.',
    );
    const speaker = registry.entities.get(attribution.quotes[0]!.speaker ?? '');
    expect(speaker).toMatchObject({ canonical: 'Zentrix', kind: 'organisation' });
  });

  it('leaves the registry it is given as it was, and returns what it learned for recordLearned', () => {
    const article = articleFromText(
      'Zentrix said it would cut 500 jobs. “This is a hard decision,” the company said.',
    );
    const registry = buildArticleRegistry(article, analyseArticle(article));
    const before = structuredClone({ entities: registry.entities, spans: registry.spans });
    const attribution = attributeQuotes(registry);
    expect({ entities: registry.entities, spans: registry.spans }).toEqual(before);
    expect(attribution.learned.map((fact) => fact.kind)).toEqual(['speaks', 'organisation']);
    recordLearned(registry, attribution.learned);
    const speaker = registry.entities.get(attribution.quotes[0]!.speaker ?? '');
    expect(speaker).toMatchObject({ canonical: 'Zentrix', kind: 'organisation', kindGuessed: false });
    expect(speaker?.mentions).toHaveLength(1);
  });

  it('"said the …, Name": the name in apposition to a description', () => {
    expect(attributed('“We never gave up,” said the former prime minister, Tony Blair.')).toEqual([
      ['We never gave up', 'Tony Blair'],
    ]);
  });

  it('records who speaks in reported speech, without quotes', () => {
    expect(spokeIn('Talks collapsed, said Maria Ortiz. Omar Haddad said that he would resign.')).toEqual({
      'Maria Ortiz': ['made-up#1.1'],
      'Omar Haddad': ['made-up#1.2'],
    });
  });
});

describe('attributeQuotes: leaves a quote unattributed without evidence', () => {
  it('a quote whose sentence runs on with commas of its own before "said": the person, never the place', () => {
    expect(
      attributed(
        '“Both of them scare me,” Harry Lund, 30, of Dayton, N.C., who was among those polled, said on Monday.',
      ),
    ).toEqual([['Both of them scare me', 'Harry Lund']]);
  });

  it('scare quotes around one word with no speaker nearby', () => {
    expect(attributed('The council approved the “green” budget on Monday.')).toEqual([['green', null]]);
  });

  it('a quote after "so-called", even in someone’s reported speech', () => {
    expect(attributed('Jane Holt said on Thursday that the so-called “recovery plan” would work.')).toEqual([
      ['recovery plan', null],
    ]);
  });

  it('"he said" when two men are equally in view', () => {
    expect(
      attributed('Mr Reilly and Mr Osei met on Wednesday. “We need a deal by Friday,” he said.'),
    ).toEqual([['We need a deal by Friday', null]]);
  });

  it('a quote in the passive, whose speaker is not given', () => {
    expect(attributed('The dispute has been described by some commentators as a “watershed”.')).toEqual([
      ['watershed', null],
    ]);
  });

  it('"he said" after an unnamed spokesman, rather than the last named man', () => {
    expect(
      attributed(
        'Tom Reilly arrived late. A spokesman for the firm said the talks were over. “It is done,” he said.',
      ),
    ).toEqual([['It is done', null]]);
  });

  it('a quote in a new clause with its own subject after the cue', () => {
    expect(attributed('Kate Moss said the plan had failed, but the mayor remained “hopeful”.')).toEqual([
      ['hopeful', null],
    ]);
  });

  it('"the transport secretary" is not whoever was last called a secretary', () => {
    expect(
      attributed(
        '“Enough,” said Maria Kovacs, the union’s general secretary.\n\nThe transport secretary called the strike “reckless”.',
      ),
    ).toEqual([
      ['Enough', 'Maria Kovacs'],
      ['reckless', null],
    ]);
  });

  it('a bare quote after an unnamed speaker is no continuation either', () => {
    expect(
      attributed(
        '“We want a deal,” said Maria Ortiz. Officials said talks would resume. “Not before Friday.”',
      ),
    ).toEqual([
      ['We want a deal', 'Maria Ortiz'],
      ['Not before Friday.', null],
    ]);
  });

  it('"the president of the company" is not the president named earlier', () => {
    expect(
      attributed(
        'President Jane Holt opened the plant.\n\nThe president of the company said it was “a proud day”.',
      ),
    ).toEqual([['a proud day', null]]);
  });

  it('a person’s spokesman or lawyer is not the person', () => {
    expect(attributed('“We will appeal,” Omar Haddad’s lawyer said.')).toEqual([['We will appeal', null]]);
  });

  it('a bare quote after someone else has spoken is no continuation: it goes to the one who spoke last', () => {
    expect(
      attributed(
        '“We want a deal,” said Maria Ortiz. Omar Haddad said talks would resume.\n\n“Not before Friday.”',
      ),
    ).toEqual([
      ['We want a deal', 'Maria Ortiz'],
      ['Not before Friday.', 'Omar Haddad'],
    ]);
  });

  it('any verb after the subject of a comma-closed quote is its speech verb (“…,” X fumed)', () => {
    expect(attributed('“We have the votes,” Tomas Weir fumed.\n\n“Do you?” Ada Kemp shot back.')).toEqual([
      ['We have the votes', 'Tomas Weir'],
      ['Do you?', 'Ada Kemp'],
    ]);
  });

  it('after “…!” a verb that carries its sentence on is no speech verb', () => {
    expect(attributed('“Help!” Tomas Weir ran to the door and pulled it open.')).toEqual([['Help!', null]]);
  });

  it('a party tag in brackets after a name does not hide the subject', () => {
    expect(attributed('Sen. Ada Kemp (D-Ore.) told reporters that the bill was “not good enough.”')).toEqual([
      ['not good enough.', 'Ada Kemp'],
    ]);
  });

  it('"X estimated that …" gives a quote in the that-clause to X, but not a quoted title', () => {
    expect(
      attributed(
        'Ada Kemp estimated that there were “about forty families left.”\n\nTomas Weir figures that a slot on “Morning Harbour Live” helps.',
      ),
    ).toEqual([
      ['about forty families left.', 'Ada Kemp'],
      ['Morning Harbour Live', null],
    ]);
  });

  it('a paragraph ending "X continued:" hands the next paragraph’s opening quote to X', () => {
    expect(
      attributed(
        'Ruth Lane continued:\n\n“We are not done. Not by a long way.”\n\nThe figures tell a story:\n\n“Nine in ten left.”',
      ),
    ).toEqual([
      ['We are not done. Not by a long way.', 'Ruth Lane'],
      ['Nine in ten left.', null],
    ]);
  });

  it('a quote its sentence goes on from (“…” is her word) is named, not a continuation', () => {
    expect(attributed('“We will win,” said Maria Ortiz. “Hope” is her word.')).toEqual([
      ['We will win', 'Maria Ortiz'],
      ['Hope', null],
    ]);
  });

  it('a surname the dictionary reads as a nationality speaks when the article names the person in full', () => {
    expect(
      attributed('Rosa French chairs the board.\n\n“It is settled,” French said. French voters “disagree.”'),
    ).toEqual([
      ['It is settled', 'Rosa French'],
      ['disagree.', null],
    ]);
  });
});

describe('attributeQuotes: the speaker’s noun phrase after the quote', () => {
  it('nouns before the role (“…,” Velasquez campaign manager X said) modify it; they are no verb', () => {
    expect(
      attributed(
        'Mara Velasquez runs for the Duluth council.\n\n“We knocked on every door,” Velasquez campaign manager Tom Brandt said. “The early wards are key,” campaign spokeswoman Ines Calder said.',
      ),
    ).toEqual([
      ['We knocked on every door', 'Tom Brandt'],
      ['The early wards are key', 'Ines Calder'],
    ]);
  });
});

describe('attributeQuotes: a quote in the predicate of a named subject', () => {
  it('goes to the subject whatever the verb (“thanked … for “…””), but not a title', () => {
    expect(
      attributed(
        'Mara Velasquez thanked the Duluth council for “taking these steps to make us safer.” She read the “Harbour Plan” aloud.',
      ),
    ).toEqual([
      ['taking these steps to make us safer.', 'Mara Velasquez'],
      ['Harbour Plan', null],
    ]);
  });

  it('not past another named subject with a verb, nor past a new clause', () => {
    expect(
      attributed(
        'Mara Velasquez knows Tom Brandt wants “a fresh start.”\n\nMara Velasquez endorsed Tom Brandt last week, and the council backed his “fresh start.”',
      ),
    ).toEqual([
      ['a fresh start.', null],
      ['fresh start.', null],
    ]);
  });
});

describe('attributeQuotes: reported speech closing a paragraph', () => {
  it('hands a quote standing alone at the next paragraph’s start to the reported speaker', () => {
    expect(
      attributed(
        'Mara Velasquez said the Duluth council had failed the harbour for a decade.\n\n“We waited ten years. Nothing came.”\n\nTom Brandt said the council had acted.\n\n“It is a lie,” mused a neighbour.',
      ),
    ).toEqual([
      ['We waited ten years. Nothing came.', 'Mara Velasquez'],
      ['It is a lie', null],
    ]);
  });

  it('and a quote standing alone as the next sentence of the same paragraph', () => {
    expect(
      attributed(
        'Duluth College’s Ines Calder agreed. “The harbour waited ten years.” Tom Brandt was not there.',
      ),
    ).toEqual([['The harbour waited ten years.', 'Ines Calder']]);
  });
});

describe('attributeQuotes: a name right before a speech participle is its subject', () => {
  it('“with X calling it …” and “X saying …, and Y calling it …”, but not a name after a preposition', () => {
    expect(
      attributed(
        'The Duluth council was irritated, with Mara Velasquez calling it a “Chinese menu.”\n\nBoth issued a statement, Ines Calder saying she was “very encouraged” and Tom Brandt calling it a “great meeting.”\n\nTom Brandt wrote a letter to Ines Calder explaining that the vote was “a farce.”',
      ),
    ).toEqual([
      ['Chinese menu.', 'Mara Velasquez'],
      ['very encouraged', 'Ines Calder'],
      ['great meeting.', 'Tom Brandt'],
      ['a farce.', 'Tom Brandt'],
    ]);
  });
});

describe('attributeQuotes: "said his campaign manager X"', () => {
  it('reads a possessive and a noun the tagger calls a verb before the role, to the name', () => {
    expect(
      attributed(
        'Mara Velasquez runs for the Duluth council.\n\n“We have a path,” added her campaign manager Tom Brandt. “Half the vote is in,” said Velasquez’s deputy campaign manager, Ines Calder, who ran the last race.',
      ),
    ).toEqual([
      ['We have a path', 'Tom Brandt'],
      ['Half the vote is in', 'Ines Calder'],
    ]);
  });
});

describe('attributeQuotes: "X of Y said"', () => {
  it('gives the quote to the person named before "of", not to the organisation after it', () => {
    expect(
      attributed(
        'Ines Calder of the Duluth Trust wrote, “If you want people to listen, act.”\n\n“We are fine,” Tom Brandt of the Harbour Board said.',
      ),
    ).toEqual([
      ['If you want people to listen, act.', 'Ines Calder'],
      ['We are fine', 'Tom Brandt'],
    ]);
  });
});

describe('attributeQuotes: an infinitive speech verb ("went on to say")', () => {
  it('speaks for the subject of the verb it depends on', () => {
    expect(
      attributed(
        'Mara Velasquez went on to say, “The harbour is ours.” Tom Brandt interjected to say that it was “not so simple.”',
      ),
    ).toEqual([
      ['The harbour is ours.', 'Mara Velasquez'],
      ['not so simple.', 'Tom Brandt'],
    ]);
  });
});
