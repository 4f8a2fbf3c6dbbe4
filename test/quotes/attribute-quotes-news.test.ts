import { beforeAll, describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/quotes/tagger.js';
import { attributed } from './attributed.js';

beforeAll(() => loadTagger());

/** The speaker of each quote, in order. */
const speakers = (body: string) => attributed(body).map(([, speaker]) => speaker);

describe('attributeQuotes: how news introduces and refers to its speakers', () => {
  it('a subject described before the name in apposition ("The librarian, Mrs Lila Pennick, reached")', () => {
    expect(
      speakers(
        `"We have ruled nothing out," a fire service spokeswoman said.\n\nThe librarian, Mrs Lila Pennick, reached the library at dawn. "Watching the roof fall in was awful," she said.`,
      ),
    ).toEqual([null, 'Lila Pennick']);
    expect(
      speakers(
        'Another former tenant, retired firefighter Hye-jin Baek, called the settlement “a comfort, but not a victory,” noting that few would see their deposits again.',
      ),
    ).toEqual(['Hye-jin Baek']);
  });

  it('a relative clause inside an apposition describes its last name, not the subject', () => {
    expect(
      speakers(
        'Captain Anton Ferreby, chairman of the River Crews Association, which speaks for boatmen on both banks, said: “Every takeover has arrived with pledges about wages.”',
      ),
    ).toEqual(['Anton Ferreby']);
    expect(
      speakers(
        'Edwin Farrimond, a fund manager at Selsey Capital, which holds 6 per cent of the group, said the chairman, Sir Roland Brockley, needed to account for himself. “We wanted a strategy by spring,” he said.',
      ),
    ).toEqual(['Edwin Farrimond']);
    expect(
      speakers(
        'Clara Neves, a backbench member of parliament who speaks for the valley, said she had alerted ministers “four times by letter” since 2017.',
      ),
    ).toEqual(['Clara Neves']);
  });

  it('"according to her", a second that-clause, and "who … and has said"', () => {
    expect(
      speakers(
        'Inspector Moira Cattrell said the parade had been “cheerful”, and according to her, “A handful of troublemakers must not define it.”',
      ),
    ).toEqual(['Moira Cattrell', 'Moira Cattrell']);
    expect(
      speakers(
        'Chief Executive Barry Pendry told staff that the brewery had weighed its choices, and that the sale was "the best route we could see."',
      ),
    ).toEqual(['Barry Pendry']);
    expect(
      speakers(
        'Kofi Ampadu won the deciding set. “I just trusted my serve,” said Ampadu, who is 33 and has said he expects to retire in the autumn. “My parents sat right behind that baseline.”',
      ),
    ).toEqual(['Kofi Ampadu', 'Kofi Ampadu']);
  });

  it('a dash credit after a quote, as under an epigraph', () => {
    expect(
      speakers(
        '“Clay never forgets a careless thumb.” — Marta Kallqvist, potter\n\nThe studio smells of wet earth.',
      ),
    ).toEqual(['Marta Kallqvist']);
    // A dash that goes on with a clause of its own is no credit.
    expect(speakers('“It is finished.” — Marta Kallqvist disagreed, and went home.')).not.toContain(
      'Marta Kallqvist',
    );
  });

  it('a pronoun subject speaks the quote in its predicate, and stays salient through quote-only paragraphs', () => {
    expect(
      speakers(
        [
          'The studio smells of the tea that Marta Kallqvist keeps warm. At 68, she has thrown 3,000 bowls and, by her own reckoning, “perhaps forty teapots.”',
          '“The first was hideous,” she says. “It leaned like a drunk.',
          '“So I threw another.”',
          'In 1984 she became an apprentice to Dieter Ferenczy, a potter in Milwaukee. Ferenczy, she says, would smash a jug on the floor.',
          '“He was the gentlest angry man I have known,” she says.',
        ].join('\n\n'),
      ),
    ).toEqual(Array(5).fill('Marta Kallqvist'));
  });

  it('a sentence-opening role word is cut from the name, and a function word never opens one', () => {
    expect(speakers('Substitute Tadeusz Wrobel said: “I simply shut my eyes.”')).toEqual(['Tadeusz Wrobel']);
    expect(
      speakers(
        'Her brother, Torcuil Maclure, farms on the mainland.\n\n“It is on the dedication page — ‘For Torcuil, who snored,’” Torcuil says.',
      ),
    ).toEqual(['Torcuil Maclure']);
  });

  it('a full name the dictionaries do not know joins its surname used alone', () => {
    expect(
      speakers(
        'Castlewick drew level when Segun Adewunmi glanced in a free kick.\n\n"It stings, because we did the difficult bit two times," Adewunmi said.',
      ),
    ).toEqual(['Segun Adewunmi']);
  });

  it('a surname several people share means the one named before it, and most', () => {
    expect(
      speakers(
        'Casey Corrick smashed the deciding point. "I didn\'t even watch it land," Corrick said.\n\nLucas Corrick, no relation, lost in straight sets.\n\n"The lob sat up nicely," Corrick added.',
      ),
    ).toEqual(['Casey Corrick', 'Casey Corrick']);
    // "Barreto Seixas" is the compound surname of "Tiago Barreto Seixas".
    expect(
      speakers(
        'Tiago Barreto Seixas, the deputy minister, spoke in Porto.\n\nBarreto Seixas described the reports of a breach as “hasty and unhelpful”.',
      ),
    ).toEqual(['Tiago Barreto Seixas']);
  });

  it('a place owning an organisation is no part of its name; a possessive inside a name is', () => {
    const quotes = attributed(
      'Finland’s Fisheries Ministry said there was “no trace of any leak”.\n\nThe Birch County District Attorney’s Office said it “will not discuss open investigations”.',
    );
    expect(quotes.map(([, s]) => s)).toEqual([
      'Fisheries Ministry',
      "Birch County District Attorney's Office",
    ]);
  });

  it('two subjects of one sentence: the main clause outranks the subordinate one; a gendered role decides', () => {
    expect(
      speakers(
        'Beatriz Mendes, 82, waited on her step while her daughter-in-law, Paula Mendes, packed the van.\n\n“I have never seen the water so high,” she said.',
      ),
    ).toEqual(['Beatriz Mendes']);
    expect(
      speakers(
        'Ysolde Russell, 64, writes poems.\n\nThe collection started with a logbook kept by her grandfather, Tormod Russell, who kept a lighthouse.\n\n“I found it under a floorboard,” she says.',
      ),
    ).toEqual(['Ysolde Russell']);
  });

  it('"who" after a name governed by a preposition, "X of Y", an abbreviation, and two subjects of one gender', () => {
    expect(
      speakers(
        'Among the walkers was Clifford Tilbury, 70, a retired bus driver from Dayton who said he had been doubtful. "I thought, what can ten laps really change?" he said.',
      ),
    ).toEqual(['Clifford Tilbury']);
    expect(
      speakers(
        'Another analyst, Julian Treacher of Oakmere Securities, said the slump was “excessive” and bought.',
      ),
    ).toEqual(['Julian Treacher']);
    expect(
      speakers(
        'The manufacturer, South Africa-based Ndaba Steel Co., said in a brief statement that it was “assisting fully” with investigators.',
      ),
    ).toEqual(['Ndaba Steel Co']);
    // Both are women and subjects of one sentence: the one known to fit "she", and the main clause's, speaks.
    expect(
      speakers(
        'Kathryn Wong, a strategist, said the drop was steep. Wong noted that Anjana Venkatraman had described sales as “levelling off” in March. “Shareholders want growth,” she said.',
      ),
    ).toEqual(['Anjana Venkatraman', 'Kathryn Wong']);
  });

  it('asides in a row between a subject and its verb, and a verb the tagger misreads before a colon', () => {
    expect(
      speakers('Doreen Catterall, 63, who runs the Lantern in Pelsall Cove, fumed: “It’s complete lunacy.”'),
    ).toEqual(['Doreen Catterall']);
    expect(
      speakers(
        'Her daughter Robyn Catterall, 29, who waits tables in the dining room, said the decision had left them “heartbroken”.',
      ),
    ).toEqual(['Robyn Catterall']);
    expect(
      speakers(
        'Sen. Nathan R. Pettigrew, R-Nev., who sits on the Veterans Affairs Committee, called the shutdown "wholly avoidable" and left.',
      ),
    ).toEqual(['Nathan R. Pettigrew']);
  });

  it('"Asked …, she sets down her sponge." hands the quote-only paragraphs after it to her', () => {
    expect(
      speakers(
        [
          'Marta Kallqvist opened the studio in 2001.',
          'Asked what makes a good bowl, she sets down her sponge and stares at the wheel for a while.',
          '“Everyone wants a trick.',
          '“The answer is duller than that.”',
        ].join('\n\n'),
      ),
    ).toEqual(['Marta Kallqvist', 'Marta Kallqvist']);
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
      'Tom Quarrie has volunteered at the Thornleigh food bank since 2009. Irina Kowal, who founded it, retires this week.',
      '“She never turns anyone away,” Mr Quarrie said.',
      'What made you start?',
      '“A neighbour who was too proud to ask. I left a bag on her step.”',
      'What will you miss?',
      '“The Saturday queue. Everyone talks to everyone.”',
    ].join('\n\n');
    // The headline names who the interview is with, though the introduction opens with someone else.
    expect(
      attributed(interview, '“Everyone talks to everyone” — Irina Kowal on 15 years of the food bank').map(
        ([, s]) => s,
      ),
    ).toEqual(['Tom Quarrie', 'Irina Kowal', 'Irina Kowal']);
    // With no name in the headline, the person the introduction opens with.
    expect(
      speakers(
        [
          'Irina Kowal founded the Thornleigh food bank in 2009 and retires this week.',
          'What made you start?',
          '“A neighbour who was too proud to ask.”',
          'What will you miss?',
          '“The Saturday queue.”',
        ].join('\n\n'),
      ),
    ).toEqual(['Irina Kowal', 'Irina Kowal']);
    // One rhetorical question before a quote is no interview.
    expect(
      speakers(
        [
          'Irina Kowal founded the Thornleigh food bank in 2009.',
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
          'Welcome to our rolling updates on the wildfire near Strathbeg.',
          '08:47 - “Stay off the ridge road, the fire has crossed it.” - Lorna Orrell, district fire officer',
          '9.55am: Mayor Anders Quilter posted on social media: “The shelter at the sports hall is open.”',
          '10:30 - Quilter has since driven up to the ridge. “We will lift the order when it is safe,” he said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Lorna Orrell', 'Anders Quilter', 'Anders Quilter']);
  });

  it('a body once called "the company" is what the next "the company" means, in the same sentence too', () => {
    expect(
      speakers(
        [
          'Shares of Kelvane Grid dropped 6 per cent. In a short statement, the company said: “Every repair crew is on the road.”',
          '“We expect supply restored by Sunday,” the company said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Kelvane Grid', 'Kelvane Grid']);
  });

  it('a dateline is no part of the first sentence: its subject speaks after it', () => {
    expect(
      speakers(
        'PORT HALLOCK, Wash. (AP) — Council leader Eloise Sandholm on Tuesday shut the marina, telling reporters that its pontoons were “past saving.”',
      ),
    ).toEqual(['Eloise Sandholm']);
  });

  it('a passive speech verb names no one: the quote is in the reported speech of the cue before it', () => {
    expect(
      speakers(
        'Councillor Kiran Dattani said inspectors had been told to “use their discretion” on parking fines.',
      ),
    ).toEqual(['Kiran Dattani']);
    // With no cue before it, the passive verb's subject heard the words and did not say them.
    expect(speakers('Kiran Dattani was told to “use some discretion” on parking fines.')).toEqual([null]);
  });

  it('a connective set off by commas between a subject and its speech verb ("Trevithin, however, admitted")', () => {
    expect(
      speakers(
        'Elmhurst captain Bryce Trevithin scored twice. Trevithin, however, admitted his team had "switched off" near the end.',
      ),
    ).toEqual(['Bryce Trevithin']);
  });

  it('"in her words", "by his own account": the owner of the words is the source of the quote', () => {
    expect(
      speakers(
        [
          'Astrid Yelland reached the summit at dusk.',
          'The final pitch was, in her words, “like climbing a wet bar of soap.”',
          'Her guide, Ivo Stenhouse, said the rope had frayed. The camp team was, by his own account, “half asleep”.',
        ].join('\n\n'),
      ),
    ).toEqual(['Astrid Yelland', 'Ivo Stenhouse']);
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
          'Pia Lund, the former treasurer, told jurors she had “never signed” the cheques.',
          'Prosecutor Todd Gatenby pressed her on the transfers. “Why send those on a Sunday?” Gatenby asked.',
          '“Because the bank was shut on Monday,” she replied.',
          'Later, Gatenby asked Karl Vint whether he had checked the ledger.',
          '“Only once a month,” he replied.',
        ].join('\n\n'),
      ),
    ).toEqual(['Pia Lund', 'Todd Gatenby', 'Pia Lund', 'Karl Vint']);
  });

  it('"Another parent, who asked that her name be withheld, …": someone unnamed, so a later "she said" is not the last named woman’s', () => {
    expect(
      speakers(
        [
          '“The uniform rule stands,” said Head Teacher Joanna Sedgwick.',
          'Another parent, who asked that her name be withheld because her daughter had been sent home, called the rule “a farce.”',
          '“Nobody consulted us,” she said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Joanna Sedgwick', null, null]);
  });

  it("a party and state tag after a lawmaker's name, of one word or several, names no one", () => {
    expect(
      speakers(
        [
          'Sen. Ada Whitacre, D-Pine Ridge, the bill\'s sponsor, called the vote "long overdue".',
          'Rep. Lou Okabe, R-Marston, said his voters were "fed up".',
        ].join('\n\n'),
      ),
    ).toEqual(['Ada Whitacre', 'Lou Okabe']);
  });

  it('"a spokesperson for" a person is someone unnamed; for an organisation, the organisation speaks', () => {
    expect(
      speakers(
        [
          'Gov. Henri Lacombe has not said whether he will veto the measure.',
          '"The governor studies every measure with care," a spokesperson for Lacombe said.',
          '"We will respond once the vote is in," a spokesman for the Canal Board said.',
        ].join('\n\n'),
      ),
    ).toEqual([null, 'Canal Board']);
  });

  it('“…,” X cut in: a word ending the clause after the subject of a comma-closed quote is its verb', () => {
    expect(
      speakers(
        '"We defended well," Irene Tuck said. "Not well enough," Lou Ferrant cut in. "They scored four."',
      ),
    ).toEqual(['Irene Tuck', 'Lou Ferrant', 'Lou Ferrant']);
  });

  it('"X of the Y", a name or a description, with or without "who …": the person before "of" speaks', () => {
    expect(
      speakers(
        [
          'Hydrologist Dr. Mina Ebrahimi of the Carrodale Institute of Rivers, who has surveyed the estuary for decades, said the flooding was “entirely foreseeable”.',
          'Sergeant Ulrik Haverholm of the county marine patrol unit, who ran the search, said the capsize was “preventable”.',
          'Phyllis Tamsett of the Tenant Voice coalition said the group would “return on Thursday”.',
        ].join('\n\n'),
      ),
    ).toEqual(['Mina Ebrahimi', 'Ulrik Haverholm', 'Phyllis Tamsett']);
  });

  it('"Mr Adebisi" of two bearers of the surname: the one whose first name is a man\'s', () => {
    expect(
      speakers(
        [
          'Dr Phoebe Adebisi, a vet, was hit by a van in April. Dr Adebisi died in hospital.',
          'Her husband, Emerson Adebisi, sat in the public seats.',
          'Dr Adebisi had run the surgery for 15 years, the court heard. Outside court, Mr Adebisi said: “I want that junction fixed.”',
        ].join('\n\n'),
      ),
    ).toEqual(['Emerson Adebisi']);
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

  it('someone unnamed opening a sentence ("A man in his seventies who …", "a pensioner waiting …") takes a later "he said"', () => {
    expect(
      speakers(
        [
          'Cllr Ray Tambling said letters would be sent. "We are fixing it," he said.',
          'A man in his seventies who has farmed the hillside for 40 years was less patient. "They were warned in March," he said.',
          'Cllr Ray Tambling has promised a reply by Monday.',
          'At the ferry slip, a pensioner waiting for the early boat was unimpressed. "I will believe it when the trucks arrive," he said.',
          'Hester Blaydon has kept the village shop for decades.',
          'A keen walker who has lived here since 1990, she said: "I never take a day off."',
        ].join('\n\n'),
      ),
    ).toEqual(['Ray Tambling', null, null, 'Hester Blaydon']);
  });

  it('"X, asked …, smiled." / "X, told of …, grinned.": a quote standing alone after it is the answer', () => {
    expect(
      speakers(
        [
          'Sen. Ada Whitacre, asked if she could count on the numbers, smiled. "Ask me after the recess."',
          'Rookie Kenny Stannard, told of his manager\'s compliment, grinned. "She has never told me that."',
        ].join('\n\n'),
      ),
    ).toEqual(['Ada Whitacre', 'Kenny Stannard']);
  });

  it('a hyphenated title ("Sub-Inspector", "Vice-Admiral") opens a person\'s name, so "he said" finds him', () => {
    expect(
      speakers(
        [
          'Sub-Inspector Vikram Bhosle of the Civil Lines police post said that no complaint had been filed.',
          '"The rally passed off calmly," he said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Vikram Bhosle']);
  });

  it('", a Democrat," after a name is an apposition describing it, not a name of its own', () => {
    expect(
      speakers(
        'Sen. Mara Quill, a Democrat, called the bill "badly drafted" and said its exemption was "a loophole".',
      ),
    ).toEqual(['Mara Quill', 'Mara Quill']);
  });

  it('a sentence\'s first word no dictionary knows opens the name after it ("Idris Tregunna said")', () => {
    expect(
      speakers(
        'The tide topped the sea wall by midday. Idris Tregunna, who runs the boatyard, watched it climb. "I have never known the water rise that fast," Tregunna said.',
      ),
    ).toEqual(['Idris Tregunna']);
  });

  it('"X laughed." alone before a quote standing alone introduces X\'s reply', () => {
    expect(
      speakers(
        '"We left nothing out there," Irene Tuck said. "Speak for yourself," Lou Ferrant cut in. Tuck laughed. "He says that after every game."',
      ),
    ).toEqual(['Irene Tuck', 'Lou Ferrant', 'Irene Tuck']);
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
  it('"Her sister raises an eyebrow." is someone unnamed: a "she says" after it is not the last woman named', () => {
    expect(
      speakers(
        [
          'Nell Oddie has rowed the channel twice. "One more and then I retire," she says.',
          'Her sister raises an eyebrow. "She promised that last summer," she says.',
          'His wife, Flora Oddie, is less convinced. "I have heard that speech before," she says.',
        ].join('\n\n'),
      ),
    ).toEqual(['Nell Oddie', null, 'Flora Oddie']);
  });
});

describe('attributeQuotes: people who share a surname', () => {
  it('"Ann and Tom Roe": a given name joined to a full name shares its surname, so "Mrs Roe" and "Mr Roe" are two people', () => {
    expect(
      speakers(
        [
          'When Ann and Tom Roe opened their shop in 1985, the street had three butchers.',
          'Their daughter, Lucy Roe, now runs a cafe in Norwich.',
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
          'Carys Wetherell ran a bakery by the quay for twenty-two years. Wetherell sold it in 2021.',
          "Her mother, Mavis Wetherell, kept the tearoom next door. Mavis is the memoir's sharpest voice, and Mavis never lets her daughter forget it.",
          '"An oven does not take orders," Mavis tells her.',
          '"I once threw a tray of scones at an apprentice," Wetherell writes.',
        ].join('\n\n'),
      ),
    ).toEqual(['Mavis Wetherell', 'Carys Wetherell']);
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
  it('"X then read out a text from Y: “…”": the words read out are not the reader\'s', () => {
    expect(
      speakers(
        [
          'Counsel Hugo Brackenbury then read out a text from the yard foreman, Piet Kessel: "Crane wobbling again. Will look Monday."',
          'Dora Fenn said: "We were never told."',
        ].join('\n\n'),
      ),
    ).toEqual([null, 'Dora Fenn']);
  });
});

describe('attributeQuotes: questions asked of someone', () => {
  it('"Sheriff Grantley asked him what came next. “…,” he said": the "he" is whom she asked, not the sheriff', () => {
    expect(
      speakers(
        [
          '"I saw the crack first," driver Piet Kessel said.',
          'Sheriff Ailsa Grantley asked him what he had done next.',
          '"I rang the depot," he said.',
        ].join('\n\n'),
      ),
    ).toEqual(['Piet Kessel', 'Piet Kessel']);
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
  it('"Tallack shrugs." alone before a quote standing alone introduces her reply, as "Tallack shrugged." does', () => {
    expect(
      speakers(
        [
          'Tamara Tallack keeps the hardware shop.',
          'Tallack shrugs. "That till was older than my son."',
        ].join('\n\n'),
      ),
    ).toEqual(['Tamara Tallack']);
  });
});

describe('attributeQuotes: spoken exchanges', () => {
  it('a quote standing alone after a question someone "asked" is the answer: the other party\'s, in turn', () => {
    expect(
      speakers(
        [
          '"I saw smoke from the loading bay," Ann Vessey said.',
          '"Did you call the fire brigade?" counsel Tom Reed asked.',
          '"I told my supervisor."',
          '"Why not the brigade?"',
          '"Because that was the procedure."',
        ].join('\n\n'),
      ),
    ).toEqual(['Ann Vessey', 'Tom Reed', 'Ann Vessey', 'Tom Reed', 'Ann Vessey']);
  });

  it('a question that names whom it is put to ("…, Ms Vessey?") is answered by that person', () => {
    expect(
      speakers(
        [
          'Ann Vessey, a warehouse supervisor, told the hearing she had been trained in the procedure.',
          'Counsel Tom Reed rose to question her.',
          '"You knew the rules, Ms Vessey?" Mr Reed asked.',
          '"I knew them. Nobody followed them."',
        ].join('\n\n'),
      ),
    ).toEqual(['Tom Reed', 'Ann Vessey']);
  });

  it('a reply ("she replied") is answered in turn; with no other party in the paragraph before, by no one', () => {
    expect(
      speakers(
        [
          '"The offer is still open," planning officer Ray Dunmow said.',
          '"We came in twice," Jane Roe replied.',
          '"And you were welcome both times."',
          'The chairman called for order.',
          '"Who wrote this report?" Ms Roe asked.',
          '"That is a matter for the council."',
        ].join('\n\n'),
      ),
    ).toEqual(['Ray Dunmow', 'Jane Roe', 'Ray Dunmow', 'Jane Roe', null]);
  });
});
