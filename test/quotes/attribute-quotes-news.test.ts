import { beforeAll, describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/quotes/tagger.js';
import { attributed } from './attributed.js';

beforeAll(() => loadTagger());

/** The speaker of each quote, in order. */
const speakers = (body: string) => attributed(body).map(([, speaker]) => speaker);

describe('attributeQuotes: how news introduces and refers to its speakers', () => {
  it('a subject described before the name in apposition ("The head teacher, Mrs Jo Lark, arrived")', () => {
    expect(
      speakers(
        `"We are keeping an open mind," a police spokeswoman said.\n\nThe head teacher, Mrs Jo Lark, arrived at the school at 3am. "Seeing it burn was heartbreaking," she said.`,
      ),
    ).toEqual([null, 'Jo Lark']);
    expect(
      speakers(
        'Another former client, retired firefighter Min-jun Seo, called the verdict “a relief, but not a happy ending,” noting that few would get their money back.',
      ),
    ).toEqual(['Min-jun Seo']);
  });

  it('a relative clause inside an apposition describes its last name, not the subject', () => {
    expect(
      speakers(
        'Captain Tomas Ferrante, president of the Harbour Pilots Association, which represents pilots at both ports, said: “Every merger has come with promises about jobs.”',
      ),
    ).toEqual(['Tomas Ferrante']);
    expect(
      speakers(
        'Neil Ostby, a fund manager at Corran Capital, which owns 4 per cent of the firm, said the chairman, Sir Alan Pike, had to explain himself. “We expected a plan by now,” he said.',
      ),
    ).toEqual(['Neil Ostby']);
    expect(
      speakers(
        'Ines Moura, an opposition member of parliament who represents the district, said she had warned governments “three times in writing” since 2019.',
      ),
    ).toEqual(['Ines Moura']);
  });

  it('"according to her", a second that-clause, and "who … and has said"', () => {
    expect(
      speakers(
        'Inspector Dana Wilde said the day had been “good-natured”, and according to her, “The actions of a tiny minority should not spoil it.”',
      ),
    ).toEqual(['Dana Wilde', 'Dana Wilde']);
    expect(
      speakers(
        'Chief Executive Rory Hale told staff that the airline had studied its options, and that the merger was "the most promising path we have found."',
      ),
    ).toEqual(['Rory Hale']);
    expect(
      speakers(
        'Ravi Menon scored the winner. “I just picked my spot,” said Menon, who is 34 and has said this will be his last season. “My kids were behind that goal.”',
      ),
    ).toEqual(['Ravi Menon', 'Ravi Menon']);
  });

  it('a dash credit after a quote, as under an epigraph', () => {
    expect(
      speakers(
        '“Wood remembers everything you do to it.” — Greta Lindqvist, luthier\n\nThe workshop smells of spruce.',
      ),
    ).toEqual(['Greta Lindqvist']);
    // A dash that goes on with a clause of its own is no credit.
    expect(speakers('“It is over.” — Greta Lindqvist disagreed, and left.')).not.toContain('Greta Lindqvist');
  });

  it('a pronoun subject speaks the quote in its predicate, and stays salient through quote-only paragraphs', () => {
    expect(
      speakers(
        [
          'The workshop smells of the coffee that Greta Lindqvist reheats. At 71, she has made 214 violins and, by her own count, “maybe a dozen cellos.”',
          '“It was terrible,” she says. “It sounded like a goose.',
          '“So I made another one.”',
          'In 1991 she became an apprentice to Emil Varga, a maker in Boston. Varga, she says, would snap a scroll in half.',
          '“He was the most impatient patient man I ever met,” she says.',
        ].join('\n\n'),
      ),
    ).toEqual(Array(5).fill('Greta Lindqvist'));
  });

  it('a sentence-opening role word is cut from the name, and a function word never opens one', () => {
    expect(speakers('Substitute Pawel Nowicki said: “I just closed my eyes.”')).toEqual(['Pawel Nowicki']);
    expect(
      speakers(
        'Her brother, Finlay Rourke, lives on the island.\n\n“It is in the acknowledgements — ‘For Finlay, who slept,’” Finlay says.',
      ),
    ).toEqual(['Finlay Rourke']);
  });

  it('a full name the dictionaries do not know joins its surname used alone', () => {
    expect(
      speakers(
        'Millbank levelled when Tunde Adeyemo headed in a corner.\n\n"It hurts, because we did the hard part twice," Adeyemo said.',
      ),
    ).toEqual(['Tunde Adeyemo']);
  });

  it('a surname several people share means the one named before it, and most', () => {
    expect(
      speakers(
        'Jamie Rudd volleyed the winner. "I didn\'t even look up," Rudd said.\n\nSam Rudd, no relation, was denied twice.\n\n"The ball sat up," Rudd added.',
      ),
    ).toEqual(['Jamie Rudd', 'Jamie Rudd']);
    // "Fonseca Prado" is the compound surname of "Rui Fonseca Prado".
    expect(
      speakers(
        'Rui Fonseca Prado, the secretary of state, spoke in Lisbon.\n\nFonseca Prado described the talk of a failure as “premature and unhelpful”.',
      ),
    ).toEqual(['Rui Fonseca Prado']);
  });

  it('a place owning an organisation is no part of its name; a possessive inside a name is', () => {
    const quotes = attributed(
      'Portugal’s Environment Ministry said there was “no indication of failure”.\n\nThe Lake County District Attorney’s Office said it “does not comment on pending cases”.',
    );
    expect(quotes.map(([, s]) => s)).toEqual([
      'Environment Ministry',
      "Lake County District Attorney's Office",
    ]);
  });

  it('two subjects of one sentence: the main clause outranks the subordinate one; a gendered role decides', () => {
    expect(
      speakers(
        'Aurelia Pinto, 79, sat outside her door while her daughter-in-law, Helena Pinto, loaded the car.\n\n“I have never seen the river like this,” she said.',
      ),
    ).toEqual(['Aurelia Pinto']);
    expect(
      speakers(
        'Oriel Vance, 61, writes novels.\n\nThe book began with a ledger kept by her grandfather, Angus Vance, who ran a boat.\n\n“I found it in a biscuit tin,” she says.',
      ),
    ).toEqual(['Oriel Vance']);
  });

  it('"who" after a name governed by a preposition, "X of Y", an abbreviation, and two subjects of one gender', () => {
    expect(
      speakers(
        'Among the volunteers was Walter Kemp, 74, a retired mail carrier from Lorain who said he had been skeptical. "I thought, what is fifteen minutes going to do?" he said.',
      ),
    ).toEqual(['Walter Kemp']);
    expect(
      speakers(
        'Another analyst, Jonah Pell of Banfield Capital, said the sell-off was “overdone” and bought.',
      ),
    ).toEqual(['Jonah Pell']);
    expect(
      speakers(
        'The supplier, South Korea-based Hanseong Cell Co., said in a statement that it was “cooperating fully” with regulators.',
      ),
    ).toEqual(['Hanseong Cell Co']);
    // Both are women and subjects of one sentence: the one known to fit "she", and the main clause's, speaks.
    expect(
      speakers(
        'Evelyn Tran, an analyst, said the cut was deep. Tran noted that Anjali Raghunathan had described demand as “stabilizing” in May. “Investors want orders,” she said.',
      ),
    ).toEqual(['Anjali Raghunathan', 'Evelyn Tran']);
  });

  it('asides in a row between a subject and its verb, and a verb the tagger misreads before a colon', () => {
    expect(
      speakers('Bridget Hollis, 58, who runs the Anchor in Saltmarsh Bay, fumed: “It’s pure madness.”'),
    ).toEqual(['Bridget Hollis']);
    expect(
      speakers(
        'Her daughter Kayla Hollis, 31, who pulls pints behind the bar, said the ruling had left them “in tears”.',
      ),
    ).toEqual(['Kayla Hollis']);
    expect(
      speakers(
        'Sen. Marcus T. Wheeler, R-Ky., who sits on the Public Works Committee, called the closure "entirely predictable" and left.',
      ),
    ).toEqual(['Marcus T. Wheeler']);
  });

  it('"Asked …, she puts down her chisel." hands the quote-only paragraphs after it to her', () => {
    expect(
      speakers(
        [
          'Greta Lindqvist opened the shop in 1996.',
          'Asked what makes a good violin, she puts down her chisel and thinks for a long time.',
          '“People want a secret.',
          '“The truth is more boring.”',
        ].join('\n\n'),
      ),
    ).toEqual(['Greta Lindqvist', 'Greta Lindqvist']);
  });

  it('a transcript label in capitals names the person of that role and surname; a capitalised role before a name is cut', () => {
    const quotes = attributed(
      [
        'Mayor Rita Kolar closed the bridge, joined by City Engineer Gabriel Kolar, no relation.',
        'MAYOR KOLAR: “Nobody drives across that bridge tonight.”',
        'CITY ENGINEER KOLAR: “We found a fatigue crack on girder four.”',
      ].join('\n\n'),
    );
    expect(quotes.map(([, s]) => s)).toEqual(['Rita Kolar', 'Gabriel Kolar']);
  });

  it('a Q&A: quote-only paragraphs answering plain-text questions are the interviewee’s', () => {
    const interview = [
      'Tom Reyes has volunteered at the Larchmont food bank since 2009. Ines Kowal, who founded it, retires this week.',
      '“She never turns anyone away,” Mr Reyes said.',
      'What made you start?',
      '“A neighbour who was too proud to ask. I left a bag on her step.”',
      'What will you miss?',
      '“The Saturday queue. Everyone talks to everyone.”',
    ].join('\n\n');
    // The headline names who the interview is with, though the introduction opens with someone else.
    expect(
      attributed(interview, '“Everyone talks to everyone” — Ines Kowal on 15 years of the food bank').map(
        ([, s]) => s,
      ),
    ).toEqual(['Tom Reyes', 'Ines Kowal', 'Ines Kowal']);
    // With no name in the headline, the person the introduction opens with.
    expect(
      speakers(
        [
          'Ines Kowal founded the Larchmont food bank in 2009 and retires this week.',
          'What made you start?',
          '“A neighbour who was too proud to ask.”',
          'What will you miss?',
          '“The Saturday queue.”',
        ].join('\n\n'),
      ),
    ).toEqual(['Ines Kowal', 'Ines Kowal']);
    // One rhetorical question before a quote is no interview.
    expect(
      speakers(
        [
          'Ines Kowal founded the Larchmont food bank in 2009.',
          'Who pays for it all?',
          '“Nobody asks us that,” a volunteer said. “We just open the doors.”',
          'So what happens next?',
          '“We wait for the council.”',
        ].join('\n\n'),
      ),
    ).toEqual([null, null, null]);
  });

  it('a live blog’s time stamp is no part of its entry: a dash credit or a subject opens the entry', () => {
    expect(
      speakers(
        [
          'Welcome to our live coverage of the floods in Marnley.',
          '09:12 - “Keep off the embankment, it is moving.” - Rita Kolar, county engineer',
          '10.40am: Mayor Tomas Brell posted on social media: “The rest centre at the school is open.”',
          '11:05 - Brell has since left for the bridge. “We will reopen it when it is safe,” he said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Rita Kolar', 'Tomas Brell', 'Tomas Brell']);
  });

  it('a body once called "the company" is what the next "the company" means, in the same sentence too', () => {
    expect(
      speakers(
        [
          'Shares of Kelvane Grid fell 8 per cent. In a statement, the company said: “Our crews are out in every district.”',
          '“We expect power back by Friday,” the company said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Kelvane Grid', 'Kelvane Grid']);
  });

  it('a dateline is no part of the first sentence: its subject speaks after it', () => {
    expect(
      speakers(
        'NEW DUNMORE, Ore. (AP) — Council leader Ada Whitlock on Monday closed the pier, telling reporters that its piles were “beyond any repair.”',
      ),
    ).toEqual(['Ada Whitlock']);
  });

  it('a passive speech verb names no one: the quote is in the reported speech of the cue before it', () => {
    expect(
      speakers('Councillor Dev Amin said wardens had been told to “use their judgement” on bin lids.'),
    ).toEqual(['Dev Amin']);
    // With no cue before it, the passive verb's subject heard the words and did not say them.
    expect(speakers('Dev Amin was told to “use some judgement” on bin lids.')).toEqual([null]);
  });

  it('a connective set off by commas between a subject and its speech verb ("Kerr, however, admitted")', () => {
    expect(
      speakers(
        'Kingsport captain Dale Kerr scored twice. Kerr, however, admitted his side had "gone to sleep" late on.',
      ),
    ).toEqual(['Dale Kerr']);
  });

  it('"in her words", "by his own account": the owner of the words is the source of the quote', () => {
    expect(
      speakers(
        [
          'Mara Quist finished the crossing at dawn.',
          'The last mile was, in her words, “like swimming through porridge.”',
          'Her coach, Ivo Brandt, said the boat had drifted. The support crew was, by his own account, “asleep at the wheel”.',
        ].join('\n\n'),
      ),
    ).toEqual(['Mara Quist', 'Ivo Brandt']);
  });

  it('"Mrs. Marlow" the mother, "Ms. Marlow" the daughter: another courtesy title means another bearer', () => {
    expect(
      speakers(
        [
          'Edith Marlow, a seamstress who dressed three generations of brides, died on Monday. Her daughter, Clare Marlow, said the cause was cancer.',
          '“I never wasted a thread,” Mrs. Marlow said in 1990.',
          '“She kept every scrap in biscuit tins,” Ms. Marlow said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Edith Marlow', 'Clare Marlow']);
  });

  it('"she replied" after a question is not the asker’s: the one asked answers', () => {
    expect(
      speakers(
        [
          'Pia Lund, the former treasurer, told jurors she had “never seen” the invoices.',
          'Prosecutor Tom Reyes pressed her on the emails. “Why pay those first?” Reyes asked.',
          '“Because they were late,” she replied.',
          'On cross-examination, Reyes asked Karl Vint whether he had read the accounts.',
          '“Not often enough,” he replied.',
        ].join('\n\n'),
      ),
    ).toEqual(['Pia Lund', 'Tom Reyes', 'Pia Lund', 'Karl Vint']);
  });

  it('"Another parent, who asked not to be named, …": someone unnamed, so a later "she said" is not the last named woman’s', () => {
    expect(
      speakers(
        [
          '“The sensors stay,” said Head Teacher Ruth Amberley.',
          'Another parent, who asked not to be named because her son was suspended, called the plan “a joke.”',
          '“Nobody asked us,” she said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Ruth Amberley', null, null]);
  });

  it("a party and state tag after a lawmaker's name, of one word or several, names no one", () => {
    expect(
      speakers(
        [
          'Sen. Ada Brennan, D-Cobb Hollow, the bill\'s author, called the vote "overdue".',
          'Rep. Lou Tanaka, R-Fenwick, said his voters had "had enough".',
        ].join('\n\n'),
      ),
    ).toEqual(['Ada Brennan', 'Lou Tanaka']);
  });

  it('"a spokesperson for" a person is someone unnamed; for an organisation, the organisation speaks', () => {
    expect(
      speakers(
        [
          'Gov. Tomas Varga has not said whether he will sign the bill.',
          '"The governor reads every bill closely," a spokesperson for Varga said.',
          '"We will comment after the vote," a spokesman for the Harbour Board said.',
        ].join('\n\n'),
      ),
    ).toEqual([null, 'Harbour Board']);
  });

  it('“…,” X cut in: a word ending the clause after the subject of a comma-closed quote is its verb', () => {
    expect(
      speakers(
        '"We played well," Ines Park said. "Not well enough," Lou Brandt cut in. "We lost by thirty."',
      ),
    ).toEqual(['Ines Park', 'Lou Brandt', 'Lou Brandt']);
  });

  it('"X of the Y", a name or a description, with or without "who …": the person before "of" speaks', () => {
    expect(
      speakers(
        [
          'Geologist Dr. Mina Oduya of the Carrow Institute of Mines, who has mapped the valley for years, said the slip was “long overdue”.',
          'Sergeant Paul Lindqvist of the county roads policing unit, who led the inquiry, said the crash was “avoidable”.',
          'Hana Brill of the Tenants Together coalition said the group would “be back on Monday”.',
        ].join('\n\n'),
      ),
    ).toEqual(['Mina Oduya', 'Paul Lindqvist', 'Hana Brill']);
  });

  it('"Mr Adeyemi" of two bearers of the surname: the one whose first name is a man\'s', () => {
    expect(
      speakers(
        [
          'Dr Ruth Adeyemi, a GP, was struck by a lorry in May. Dr Adeyemi died at the scene.',
          'Her husband, Daniel Adeyemi, sat in the gallery.',
          'Dr Adeyemi had worked at the practice for 20 years, the court heard. Outside court, Mr Adeyemi said: “I want the roads made safe.”',
        ].join('\n\n'),
      ),
    ).toEqual(['Daniel Adeyemi']);
  });

  it('"the company" is the business that was a subject, not one since named as an analyst\'s employer', () => {
    expect(
      speakers(
        [
          'Brandvik Cable Systems cut its profit forecast on Thursday.',
          '"We expect demand to recover next year," said chief executive Ola Brandvik.',
          '"I would rather own it now than later," said Mia Sund, an analyst at Tessel Partners.',
          'The company said it "remains committed to its dividend".',
        ].join('\n\n'),
      ),
    ).toEqual(['Ola Brandvik', 'Mia Sund', 'Brandvik Cable Systems']);
  });

  it('someone unnamed opening a sentence ("A man in his sixties who …", "a pensioner waiting …") takes a later "he said"', () => {
    expect(
      speakers(
        [
          'Cllr Ray Hollis said leaflets would go out. "We are putting it right," he said.',
          'A man in his sixties who has lived on the street for 30 years was less forgiving. "They have known since last week," he said.',
          'Cllr Ray Hollis has promised answers by Friday.',
          'At the bus stop, a pensioner waiting for the number 9 was unconvinced. "I will believe it when I see it," he said.',
          'Jane Roe has run the pub for years.',
          'A keen gardener who has lived here for 20 years, she said: "I never sit down."',
        ].join('\n\n'),
      ),
    ).toEqual(['Ray Hollis', null, null, 'Jane Roe']);
  });

  it('"X, asked …, smiled." / "X, told of …, grinned.": a quote standing alone after it is the answer', () => {
    expect(
      speakers(
        [
          'Sen. Ada Brennan, asked whether she had the votes, smiled. "Ask me in June."',
          'Rookie Tom Arkwright, told of his coach\'s praise, grinned. "He has never said that to me."',
        ].join('\n\n'),
      ),
    ).toEqual(['Ada Brennan', 'Tom Arkwright']);
  });

  it('a hyphenated title ("Sub-Inspector", "Vice-Admiral") opens a person\'s name, so "he said" finds him', () => {
    expect(
      speakers(
        [
          'Sub-Inspector Arun Desai of the Old Town police station said that no case had been registered.',
          '"The march was peaceful," he said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Arun Desai']);
  });

  it('", a Democrat," after a name is an apposition describing it, not a name of its own', () => {
    expect(
      speakers(
        'Sen. Mara Quill, a Democrat, called the bill "badly drafted" and said its exemption was "a loophole".',
      ),
    ).toEqual(['Mara Quill', 'Mara Quill']);
  });

  it('a sentence\'s first word no dictionary knows opens the name after it ("Emrys Caddock said")', () => {
    expect(
      speakers(
        'The flood reached the harbour wall at noon. Emrys Caddock, who runs the chandlery, watched it rise. "I have never seen the sea come up like that," Caddock said.',
      ),
    ).toEqual(['Emrys Caddock']);
  });

  it('"X laughed." alone before a quote standing alone introduces X\'s reply', () => {
    expect(
      speakers(
        '"We gave it everything," Ines Park said. "Speak for yourself," Lou Brandt cut in. Park laughed. "He says that every week."',
      ),
    ).toEqual(['Ines Park', 'Lou Brandt', 'Ines Park']);
  });

  it('"Institute for …" and "… Corps of …" are one organisation\'s name, which speaks', () => {
    expect(
      speakers(
        [
          'The Danish Institute for Coastal Studies said it was "watching the dunes closely".',
          'The Harbour Corps of Pilots said the channel would stay shut "until the wreck is lifted".',
        ].join('\n\n'),
      ),
    ).toEqual(['Danish Institute for Coastal Studies', 'Harbour Corps of Pilots']);
  });
});

describe('attributeQuotes: people named by their tie to another', () => {
  it('"Her daughter rolls her eyes." is someone unnamed: a "she says" after it is not the last woman named', () => {
    expect(
      speakers(
        [
          'Jane Roe has swum the strait twice. "One more and then I stop," she says.',
          'Her daughter rolls her eyes. "She said that last year," she says.',
          'His wife, Ann Roe, is less sure. "I have heard it all before," she says.',
        ].join('\n\n'),
      ),
    ).toEqual(['Jane Roe', null, 'Ann Roe']);
  });
});

describe('attributeQuotes: people who share a surname', () => {
  it('"Ann and Tom Roe": a given name joined to a full name shares its surname, so "Mrs Roe" and "Mr Roe" are two people', () => {
    expect(
      speakers(
        [
          'When Ann and Tom Roe opened their shop in 1985, the street had three butchers.',
          'Their daughter, Lucy Roe, now runs a cafe in Bristol.',
          '"It was hard at first," Mrs Roe says.',
          '"We did not pay ourselves for years," Mr Roe says.',
          '"He could bake, though," Ann says.',
        ].join('\n\n'),
      ),
    ).toEqual(['Ann Roe', 'Tom Roe', 'Ann Roe']);
  });
  it('a bare surname two people bear is the one the text calls by it, not the one it calls by her given name', () => {
    expect(
      speakers(
        [
          'Jane Roe ran a restaurant on the estuary for nineteen years. Roe closed it in 2022.',
          "Her mother, Ida Roe, ran the café below the flat. Ida is the book's best source of one-liners, and Ida never lets her daughter forget it.",
          '"A kitchen is not a democracy," Ida tells her.',
          '"I threw a pan at a young cook once," Roe writes.',
        ].join('\n\n'),
      ),
    ).toEqual(['Ida Roe', 'Jane Roe']);
  });
});

describe('attributeQuotes: what is written after a name', () => {
  it('letters after a full name ("Jane Roe KC", "Tom Reed MP") are no part of it, so "Ms Roe" is her', () => {
    expect(
      speakers(
        [
          'The foreman was questioned by Jane Roe KC, for the operator.',
          '"You knew the rule?" Ms Roe asked.',
          'Tom Reed MP said the inquiry was overdue. "It has taken two years," Mr Reed said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Jane Roe', 'Tom Reed']);
  });
});

describe('attributeQuotes: designations before a role', () => {
  it('"Local 412 president Jane Roe": a capitalised word with a number after it modifies the role, and the name speaks', () => {
    expect(
      speakers(
        [
          '"Nobody wanted this," said Local 412 president Jane Roe, standing on the picket line.',
          '"We are ready to talk," Ward 7 organiser Tom Reed said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Jane Roe', 'Tom Reed']);
  });
});

describe('attributeQuotes: continuations', () => {
  it('a quote whose own sentence names another speaker, even in words not read as its attribution, carries on no one', () => {
    expect(
      speakers(
        [
          '"We will keep going," said Jane Roe.',
          '"It is over for this season," a visibly tired Tom Reed said after the match.',
        ].join('\n\n'),
      ),
    ).toEqual(['Jane Roe', null]);
  });
});

describe('attributeQuotes: roles written in capitals', () => {
  it('"the MP wrote", "said the CEO": a role in capitals after "the" is someone described, not a body named "MP"', () => {
    expect(
      speakers(
        [
          'Local MP Jane Roe posted a video. "We were not told," she wrote.',
          'Councillor Tom Reed disagreed. "She knew in June," he said.',
          '"At least someone is listening," the MP wrote.',
          '"Nobody told us," said the CEO.',
        ].join('\n\n'),
      ),
    ).toEqual(['Jane Roe', 'Tom Reed', 'Jane Roe', null]);
  });
});

describe('attributeQuotes: words read out', () => {
  it('"X read from an email sent by Y: “…”": the words read out are not the reader\'s', () => {
    expect(
      speakers(
        [
          'Counsel Tom Reed then read from an email sent by the site manager, Ann Vale: "Face looking tired. Will check next week."',
          'Jane Roe said: "We knew nothing."',
        ].join('\n\n'),
      ),
    ).toEqual([null, 'Jane Roe']);
  });
});

describe('attributeQuotes: questions asked of someone', () => {
  it('"Judge Roe asked him to explain. “…,” he said": the "he" is whom she asked, not the judge', () => {
    expect(
      speakers(
        [
          '"I knew the rule," foreman Tom Reed said.',
          'Sheriff Morven Roe asked him to explain what he meant.',
          '"Nobody followed it," he said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Tom Reed', 'Tom Reed']);
  });
});

describe("attributeQuotes: a family's surname", () => {
  it('"the younger Mr Roe" is the bearer the bare "Mr Roe" does not mean', () => {
    expect(
      speakers(
        [
          'Tom Roe, 58, the foreman, gave evidence first. Mr Roe said he had seen a crack.',
          '"I told the manager," Mr Roe said.',
          'His son, Sam Roe, 27, a driver at the site, was next.',
          'The younger Mr Roe said he had reported hazards "twice, maybe three times".',
        ].join('\n\n'),
      ),
    ).toEqual(['Tom Roe', 'Sam Roe']);
  });
});

describe('attributeQuotes: reactions in the present tense', () => {
  it('"Roe shrugs." alone before a quote standing alone introduces her reply, as "Roe shrugged." does', () => {
    expect(
      speakers(['Ann Roe runs the bakery.', 'Roe shrugs. "It was older than our daughter."'].join('\n\n')),
    ).toEqual(['Ann Roe']);
  });
});

describe('attributeQuotes: spoken exchanges', () => {
  it('a quote standing alone after a question someone "asked" is the answer: the other party\'s, in turn', () => {
    expect(
      speakers(
        [
          '"I saw smoke from the loading bay," Ann Vale said.',
          '"Did you call the fire brigade?" counsel Tom Reed asked.',
          '"I told my supervisor."',
          '"Why not the brigade?"',
          '"Because that was the procedure."',
        ].join('\n\n'),
      ),
    ).toEqual(['Ann Vale', 'Tom Reed', 'Ann Vale', 'Tom Reed', 'Ann Vale']);
  });

  it('a question that names whom it is put to ("…, Ms Vale?") is answered by that person', () => {
    expect(
      speakers(
        [
          'Ann Vale, a warehouse supervisor, told the hearing she had been trained in the procedure.',
          'Counsel Tom Reed rose to question her.',
          '"You knew the rules, Ms Vale?" Mr Reed asked.',
          '"I knew them. Nobody followed them."',
        ].join('\n\n'),
      ),
    ).toEqual(['Tom Reed', 'Ann Vale']);
  });

  it('a reply ("she replied") is answered in turn; with no other party in the paragraph before, by no one', () => {
    expect(
      speakers(
        [
          '"The offer is still open," planning officer Ray Dunne said.',
          '"We came in twice," Jane Roe replied.',
          '"And you were welcome both times."',
          'The chairman called for order.',
          '"Who wrote this report?" Ms Roe asked.',
          '"That is a matter for the council."',
        ].join('\n\n'),
      ),
    ).toEqual(['Ray Dunne', 'Jane Roe', 'Ray Dunne', 'Jane Roe', null]);
  });
});
