import { beforeAll, describe, expect, it } from 'vitest';
import { loadTagger } from '../../src/quotes/tagger.js';
import { attributed } from './attributed.js';

beforeAll(() => loadTagger());

/** The speaker of each quote, in order. */
const speakers = (body: string) => attributed(body).map(([, speaker]) => speaker);

// Wrong mouths: each case had a quote given to someone the sentence names but who did not say it.
describe('attributeQuotes: names near a quote that are not its speaker', () => {
  it('an organisation ending an apposition, with an apposition of its own, is not the subject', () => {
    expect(
      speakers(
        'Jane Roe, head of the Zentford Fund, a housing charity, said she fears the council "will be swept aside at the next election."',
      ),
    ).toEqual(['Jane Roe']);
    expect(
      speakers(
        'Mark Quill, chair of the board of Acme Holdings, the firm\'s parent company, said it would invest only if "the town can show the road will be built."',
      ),
    ).toEqual(['Mark Quill']);
  });

  it('a possessive speech noun that is the subject of what the quote says about it is not the speaker', () => {
    expect(
      speakers(
        'Council leader John Doe told reporters on Friday that Roe’s comments “sounds like sour grapes.”',
      ),
    ).toEqual(['John Doe']);
    expect(
      speakers(
        'Jane Roe and John Doe clashed again.\n\nThe Zentford Greens issued a statement on Monday, saying Doe’s remarks are “a sign of how little he knows the valley.”',
      ),
    ).not.toContain('John Doe');
  });

  it('a speech verb in a clause opening the sentence is not the quote’s cue', () => {
    expect(
      speakers(
        'Jane Roe and John Doe debated on Monday.\n\nWhen John Doe hinted that the mill would close, Jane Roe fired back at once: "If they close it, they will answer to the whole town."',
      ),
    ).toEqual(['Jane Roe']);
    expect(
      speakers(
        'Jane Roe and John Doe debated on Monday.\n\nAfter John Doe mocked the budget at the hustings, Roe shot back, "I would rather have a plan than a slogan."',
      ),
    ).toEqual(['Jane Roe']);
  });

  it('a name before a capitalised title of office modifies it ("Roe campaign Chairman John Doe")', () => {
    expect(
      speakers(
        '"We need someone who can talk to farmers," Roe campaign Chairman John Doe told the Zentford Echo on Thursday.',
      ),
    ).toEqual(['John Doe']);
  });

  it('a quote led in after a cue is that cue’s, when the cue after it leads in a quote of its own', () => {
    expect(
      speakers(
        'Jane Roe replies to Mary Lee with, "Who sent this? Was that taken at the fair?" Lee then writes back, "Nobody, I promise."',
      ),
    ).toEqual(['Jane Roe', 'Mary Lee']);
  });

  it('a title in the sentence’s subject is no one’s words', () => {
    expect(
      speakers(
        'Acme University called the results “a welcome surprise”.\n\nThe report, titled “Bus lanes and air quality in small towns”, is the first of its kind, according to Acme University.',
      ),
    ).toEqual(['Acme University', null]);
  });

  it('a few words of someone else’s earlier, longer quote, mentioned again, are not said anew', () => {
    expect(
      speakers(
        'Jane Roe read from a memo written by John Doe: "Roof over the east hall sagging badly. Will order props."\n\nShe asked Mr Lee whether "sagging badly" was how he had put it.\n\n"Those were his words, not mine," Mr Lee replied.',
      ),
    ).toEqual([null, null, 'Lee']);
  });

  it('a weekday between a title and a surname is a given name ("Mr Friday Roewe")', () => {
    expect(
      speakers(
        'The head of the cooperative, Mrs Jane Roewe, said the harvest was lost.\n\nHer son, Mr Friday Roewe, who farms the next valley, said the flood came within an hour.\n\n"We moved the goats to the church hall," the younger Roewe said.',
      ),
    ).toEqual(['Friday Roewe']);
  });

  it('one unfamiliar capitalised word after "the" is someone described, not a speaker of its own', () => {
    expect(
      speakers(
        'The Warden of Zentford, Mrs Jane Roewe, visited the market.\n\n"We need the council to act now," the Warden said.',
      ),
    ).toEqual([null]);
  });

  it('a line standing alone after two people trade remarks is no one’s; after a question and its answer it goes on', () => {
    expect(
      speakers(
        '“He never learned to drive,” Jane Roe says. “He could sail, though.”\n\n“Someone had to steer,” John Roe says.\n\n“You only ever steered into the harbour wall.”',
      ),
    ).toEqual(['Jane Roe', 'Jane Roe', 'John Roe', null]);
    expect(
      speakers(
        '“Why did you leave the board?” Jane Roe asked John Doe.\n\n“I was tired of the meetings,” Doe said.\n\n“Four hours every Tuesday, and nothing ever decided.”',
      ),
    ).toEqual(['Jane Roe', 'John Doe', 'John Doe']);
  });

  it('a quote governed by the verb of a subordinate clause with its own subject is not the cue’s speaker’s', () => {
    expect(
      speakers(
        'Acme Water confirmed on Monday that the reservoir wall needs repairs after a survey found "deep cracking" along its crest.',
      ),
    ).toEqual([null]);
    expect(speakers('Jane Roe said she left after the meeting ended, calling it "a farce."')).toEqual([
      'Jane Roe',
    ]);
  });

  it('a name and its verb right before a colon lead the quote in, whatever cue came before', () => {
    expect(
      speakers(
        'Jane Roe said her budget was "fully costed". She said that auditors had found her sums sound, to which John Doe interjected: "Nobody has seen those sums."',
      ),
    ).toEqual(['Jane Roe', 'John Doe']);
    expect(
      speakers(
        'But when John Doe claimed that the mill was safe, Jane Roe hit back: "Then let him work a shift in it."',
      ),
    ).toEqual(['Jane Roe']);
  });

  it('"As Jane Roe puts it," gives the source of the sentence’s words', () => {
    expect(
      speakers(
        'Jane Roe and John Doe met. As The Echo’s Mary Lee puts it, Doe is trying to make the council "an offer it would be foolish to turn down."',
      ),
    ).toEqual(['Mary Lee']);
  });

  it('a speech noun "by" someone, the subject of a reported clause the quote ends, is not the source', () => {
    expect(
      speakers(
        'Acme Watch stated in a release on Tuesday that a declaration by the Zentford Council to the tribunal "shows the minutes were changed after the vote."',
      ),
    ).toEqual(['Acme Watch']);
  });

  it('a body before a rank’s ordinal modifies the ranked name ("said Royal Marines 2nd Lt. Tom Lee")', () => {
    expect(
      speakers(
        'The regiment came home on Sunday.\n\n"It is good to be back," said Royal Marines 2nd Lt. Tom Lee. "The children have grown."',
      ),
    ).toEqual(['Tom Lee', 'Tom Lee']);
  });

  it('a cue in a relative clause loses a later quote to the name and verb after its own quote', () => {
    expect(
      speakers(
        'And, in a video that Judge John Doe called "troubling," Tom Lee shared a wish to "run the inspectors out of the county."',
      ),
    ).toEqual(['John Doe', null]);
    expect(speakers('Jane Roe says her "old rival" Tom Lee ran "a decent, hard-fought race."')).toEqual([
      'Jane Roe',
      'Jane Roe',
    ]);
  });
});

describe('attributeQuotes: speakers the text gives by their part in an exchange', () => {
  it('a description replying right after a question put to someone by name is the one asked', () => {
    expect(
      speakers(
        'Counsel Jane Roe questioned the site foreman, Tom Delaney, on Monday.\n\nShe asked Mr Delaney whether the leak had been logged.\n\n"I told the office twice," the witness replied. "Nobody wrote it down."',
      ),
    ).toEqual(['Tom Delaney', 'Tom Delaney']);
  });

  it('"her husband says": the man who shares the surname of whom "her" means', () => {
    expect(
      speakers(
        'When Greta and Piet Roewe opened a hardware shop in 1979, the high street had four pubs. Their daughter, Anouk Roewe, is a nurse.\n\nWill the street miss them? Mrs Roewe doubts it.\n\n“She says that every year,” her husband says.',
      ),
    ).toEqual(['Piet Roewe']);
  });

  it('"his son said": the one person the article gave that tie in apposition ("His son, Lukas Velloran,")', () => {
    expect(
      speakers(
        'Anton Velloran, a clockmaker, died last week aged 88.\n\nHis son, Lukas Velloran, a pilot, did not follow him into the trade.\n\n“Nothing in the house ever worked,” his son said.',
      ),
    ).toEqual(['Lukas Velloran']);
  });

  it('"Tovell was harsher. “…,” he said": the subject just before in the paragraph, though a man of known gender spoke in the one before', () => {
    expect(
      speakers(
        'Jordan Tovell took the chair. Next to him, skipper Markus Pellarin read the scores.\n\n“We start again on Monday,” Tovell said.\n\nPellarin was asked if the squad was tired.\n\n“Not tired, careless,” he said.\n\nTovell was harsher. “That second goal was a gift,” he said.',
      ),
    ).toEqual(['Jordan Tovell', 'Markus Pellarin', 'Jordan Tovell']);
  });

  it('a broadcaster\'s job before an unfamiliar name ("presenter Ysolde Marrack") makes the name a person\'s', () => {
    expect(
      speakers(
        'Breakfast presenter Ysolde Marrack had an opinion by lunchtime. “I queued for an hour and it was worth it,” she wrote.',
      ),
    ).toEqual(['Ysolde Marrack']);
  });

  it('an ampersand inside a name keeps the name whole ("Zentford & District Angling Club")', () => {
    expect(
      speakers(
        'The Zentford & District Angling Club posted on Facebook that herons had been seen. “They may have company,” the club wrote.',
      ),
    ).toEqual(['Zentford & District Angling Club']);
  });

  it('a surname alone as a label ("Vollmer: “…”") is the person named in full before', () => {
    expect(
      speakers(
        'The harbour master, Greta Vollmer, said the ferry would be late.\n\n14:40 – Ferry delayed again. Passengers have been asked to wait in the terminal. Vollmer: “We would rather be late than unsafe, and the crew agree.”',
      ),
    ).toEqual(['Greta Vollmer']);
  });

  it('a business named, then what kind it is ("the Gilded Spoon cafe"), speaks by its name, before a relative clause too', () => {
    expect(
      speakers(
        'The Gilded Spoon cafe wrote on Instagram: “Open late all week.”\n\nThe Gilded Spoon cafe, whose terrace faces the harbour, posted: “Fresh scones from nine!”',
      ),
    ).toEqual(['Gilded Spoon', 'Gilded Spoon']);
  });

  it('a time word after a name ("Roe later posted:") leaves the name the subject that a colon hands the quote to', () => {
    expect(
      speakers(
        'Singer Tom Lee joined in.\n\nLee later posted: "Goodbye to the pier where I learned to fish."',
      ),
    ).toEqual(['Tom Lee']);
  });

  it('a description with its own "for" phrase, then the name in apposition, is the subject ("The MP for Eastby, Jane Roe, posted:")', () => {
    expect(
      speakers(
        'The MP for Eastby and Westby, Jane Roe, posted on social media: "Please stay away from the sea front."',
      ),
    ).toEqual(['Jane Roe']);
  });

  it('"His wife is blunter." makes the wife the one a "she says" after it means', () => {
    expect(
      speakers(
        'When Greta and Piet Roewe opened a hardware shop in 1979, the high street had four pubs.\n\nMrs Roewe keeps the books; Mr Roewe says he cannot add up.\n\n“A bit,” Piet says.\n\nHis wife is blunter. “I would have given the keys to anyone,” she says.',
      ),
    ).toEqual(['Piet Roewe', 'Greta Roewe']);
  });

  it('an unfamiliar full name that has spoken already is the one its bare surname means later ("Flint Halvarsen … Halvarsen said")', () => {
    expect(
      speakers(
        '“No winter on this quay has been harder,” Flint Halvarsen said on Sunday, standing by the empty berths.\n\nOn Monday, Halvarsen told a radio station that “the levy will empty the fish market.”\n\n“I have seen three owners come and go,” Halvarsen said.',
      ),
    ).toEqual(['Flint Halvarsen', 'Flint Halvarsen', 'Flint Halvarsen']);
  });

  it('a surname that also ends organisations\' names ("Mayor Ellen Church … Church said") is the titled person\'s', () => {
    expect(
      speakers(
        '“We will not sell the pier,” said Eastby Mayor Ellen Church at a packed meeting.\n\nChurch said the council had “no plan B, and no need for one.”\n\n“Come back next spring and see,” Ms Church added.',
      ),
    ).toEqual(['Ellen Church', 'Ellen Church', 'Ellen Church']);
    // Hospitals and colleges bear the names of princes and bishops: those stay institutions.
    expect(
      speakers(
        'The Prince Edward Hospital said in a statement: “Visiting is suspended until further notice.”',
      ),
    ).toEqual(['Prince Edward Hospital']);
  });

  it('a verb in the present tense that the tagger reads as a plural noun ("Roe describes the plan as “…”") still gives the subject the quote', () => {
    expect(
      speakers(
        'Jane Roe runs the ferry company.\n\nRoe describes the new timetable as “a promise we can keep.”',
      ),
    ).toEqual(['Jane Roe']);
    expect(speakers('Tom Reed touts the bypass as “the end of the queues.”')).toEqual(['Tom Reed']);
  });

  it('an aside between dashes reads as one between commas ("A former warden — Jane Roe — said …", "Roe -- the warden -- said")', () => {
    expect(
      speakers('A former harbour warden — Jane Roe — said the board “never once asked the crews.”'),
    ).toEqual(['Jane Roe']);
    expect(
      speakers(
        'Tom Reed -- the longest-serving member of the board -- said the sale was “done in the dark.”',
      ),
    ).toEqual(['Tom Reed']);
    // A dash beside a quote credits it; it opens no aside.
    expect(speakers('“Never again.” — Jane Roe, harbour warden')).toEqual(['Jane Roe']);
  });

  it('a firm goes by the first word of its name, even opening a sentence ("Zentra Transit Services … Zentra said")', () => {
    expect(
      speakers(
        'Drivers and Zentra Transit Services failed to agree on rest breaks.\n\nZentra said in a written reply that its last offer “goes beyond what the rules require.”',
      ),
    ).toEqual(['Zentra Transit Services']);
  });

  it('any verb in the past tense between a quote and a name credits the name ("“…!” beamed Tom Reed of Eastby")', () => {
    expect(
      speakers('“Best night of my life!” beamed Tom Reed of Eastby, who had queued since dawn.'),
    ).toEqual(['Tom Reed']);
    expect(speakers("“Nobody wanted the merger,” recalled Jane Roe, the bank's former treasurer.")).toEqual([
      'Jane Roe',
    ]);
    // After “…!” the sentence may end with the quote: "ran" has no speaker after it.
    expect(speakers('“Fire!” ran the headline across the front page.')).toEqual([null]);
  });

  it('a stray comma after a party tag in brackets ("Gov. Jane Roe (R-Ohio), said") leaves the name the subject', () => {
    expect(
      speakers(
        'In Dayton on Tuesday, after the count, Gov. Jane Roe (R-Ohio), said, “We have a budget at last.”',
      ),
    ).toEqual(['Jane Roe']);
  });

  it('"Roe herself said", "Roe, when asked …, said": an emphatic pronoun or a clause of time between subject and verb', () => {
    expect(
      speakers(
        'Jane Roe chairs the lottery board.\n\nRoe herself said on Friday that “no ticket was ever sold twice.”',
      ),
    ).toEqual(['Jane Roe']);
    expect(
      speakers(
        'Tom Reed, when asked why the ferry was late, replied that the crew “had never seen fog like it.”',
      ),
    ).toEqual(['Tom Reed']);
  });

  it('an opening place with a relative clause of its own ("In Eastby, which hosts the fair, Roe …") still leaves the name the subject', () => {
    expect(
      speakers(
        'Tom Reed runs the fair.\n\nIn Eastby, which hosts the fair each May, Jane Roe referred to the new stalls as “a bright idea.”',
      ),
    ).toEqual(['Jane Roe']);
  });

  it('a present-tense verb after an apposition ("Jane Roe, a columnist, calls the plan “…”")', () => {
    expect(speakers('Jane Roe, a columnist, calls the bypass “a road to nowhere.”')).toEqual(['Jane Roe']);
  });

  it('"according to" a document gives the quote to its author ("filed by", "signed by"), never to whoever saw it', () => {
    expect(
      speakers(
        '“The tests cannot be repeated,” according to a court filing signed by county attorney Jane Roe.',
      ),
    ).toEqual(['Jane Roe']);
    expect(
      speakers('“The tests cannot be repeated,” according to a memo seen by the Zentford Courier.'),
    ).toEqual([null]);
  });

  it('an attribution closing the sentence speaks for a quote inside it ("The levy would “empty the market” by spring, Roe said.")', () => {
    expect(
      speakers(
        'Jane Roe runs the fish market.\n\nThe levy would “empty the market” by the spring, Roe said.',
      ),
    ).toEqual(['Jane Roe']);
    // Not a title, and not a quote whose own clause gives it to someone the text leaves unnamed.
    expect(
      speakers('Jane Roe runs the cinema.\n\nThe first film shown was “Brief Encounter” in 1946, Roe said.'),
    ).toEqual([null]);
    expect(
      speakers('Jane Roe runs the market.\n\nThe mayor called the levy “a disgrace” on Monday, Roe said.'),
    ).toEqual([null]);
  });

  it('an aside opening with a preposition ("Roe, in a statement, said") leaves the name the subject; a name after a preposition is not', () => {
    expect(speakers('Jane Roe, in a statement on Monday, said the pier was “safe to reopen.”')).toEqual([
      'Jane Roe',
    ]);
    expect(
      speakers('Jane Roe of the Zentford Institute, speaking on Monday, said the pier was “safe to reopen.”'),
    ).toEqual(['Jane Roe']);
    // The lawyer speaks, not her client.
    expect(
      speakers('The lawyer for Tom Reed, speaking on Monday, said the pier was “safe to reopen.”'),
    ).toEqual([null]);
  });

  it('"and" inside an organisation\'s name ("the Fishermen and Boatmen Association of Eastby") keeps the name whole', () => {
    expect(
      speakers(
        'The Fishermen and Boatmen Association of Eastby, in a statement, called the levy “a tax on getting up early.”',
      ),
    ).toEqual(['Fishermen and Boatmen Association of Eastby']);
  });

  it('a subheading in title case ("Jane Roe Says Ferry Would Need New Pier") is no one\'s name: the person in it keeps hers', () => {
    expect(
      speakers(
        'Jane Roe Says Ferry Would Need New Pier Before Summer\n\n“The old one is rotten,” Roe said.\n\n“Nobody wants to hear it.”',
      ),
    ).toEqual(['Jane Roe', 'Jane Roe']);
  });

  it('a name no dictionary knows, later used by its surname alone ("Barnaby Tregellis … Tregellis has arrived"), is a person a "he" can mean', () => {
    expect(
      speakers(
        'Two candidates are standing: Ysolde Brankov for Labour and Barnaby Tregellis for the Conservatives.\n\nTregellis has just arrived. “I have done my bit,” he said.',
      ),
    ).toEqual(['Barnaby Tregellis']);
  });

  it('"Reed\'s final verdict was harsher.": a sentence opening with what someone said makes them the one "he said" means next', () => {
    expect(
      speakers(
        "Tom Reed, the Eastby coach, was angry. Kofi Mensah-Darko scored twice.\n\nMensah-Darko, asked about the red card, said only that his team would “let the league decide”. Reed's final verdict was harsher. “That referee should never work again,” he said.",
      ),
    ).toEqual(['Kofi Mensah-Darko', 'Tom Reed']);
  });

  it('with no one near, a "he" further back means the man the text calls "he", not a name of unknown gender', () => {
    expect(
      speakers(
        'Bertrand Kovacs-Lund keeps his chisels in a biscuit tin.\n\nHe learnt the trade from a carver called Septimus Prindle.\n\nPrindle retired in 1988 and gave him the bench. Kovacs-Lund still uses it.\n\nThe trade nearly vanished in the 1990s.\n\nThen came the cheap imports.\n\n“People would laugh at my prices,” he says.',
      ),
    ).toEqual(['Bertrand Kovacs-Lund']);
  });

  it('a gesture with the body part it moves ("Mrs Roewe rolls her eyes.", "Reed shook his head.") introduces what the subject says next', () => {
    expect(
      speakers(
        "Greta and Piet Roewe have run the ironmonger's since 1979.\n\nMrs Roewe rolls her eyes. “He has never once swept the floor.”",
      ),
    ).toEqual(['Greta Roewe']);
    expect(
      speakers('Tom Reed and Jane Roe were both asked.\n\nReed shook his head. “Not a chance.”'),
    ).toEqual(['Tom Reed']);
  });

  it('"The 19-year-old Ruairi Tolvanen missed …": an age before a name is read through, so "he said" after it is not the man named before', () => {
    expect(
      speakers(
        'Tom Reed, the coach, was pleased.\n\nThe 19-year-old Ruairi Tolvanen missed three kicks. “I let the lads down,” he said.',
      ),
    ).not.toContain('Tom Reed');
    expect(speakers('The 24-year-old Jane Roe won the sprint. “My legs were gone,” she said.')).toEqual([
      'Jane Roe',
    ]);
  });

  it('a present-tense verb before a name as its object ("…, founder of the X Institute, tells Zentford Radio …")', () => {
    expect(
      speakers(
        '“Yes, I back the plan,” Tom Bozell III, founder of the Zentford Institute, tells Eastby Radio in an interview.',
      ),
    ).toEqual(['Tom Bozell III']);
  });

  it('a role in capitals ("the Lord Mayor said") is someone described, never a speaker named "Mayor"', () => {
    const said = speakers(
      '“Sit down, please,” the Lord Mayor, Cllr Jane Roe, said.\n\n“Order,” the Lord Mayor said. “We move on.”',
    );
    expect(said).not.toContain('Mayor');
    expect(said[0]).toBe('Jane Roe');
  });

  it('a plural\'s possessive apostrophe stays inside an organisation\'s name ("the Boatbuilders’ Union")', () => {
    expect(
      speakers(
        'The Eastby Boatbuilders’ Union, which has 300 members, said it would strike. “Enough is enough,” the union said.',
      ),
    ).toEqual(["Eastby Boatbuilders' Union"]);
  });

  it('"Osric and Wenna Pellow", names no dictionary knows joined by "and", are two people sharing the surname', () => {
    expect(
      speakers(
        'When Osric and Wenna Pellow took over the old tide mill in 2015, the wheel had not turned for forty years.\n\n“Whose idea was it?” I asked.\n\n“Mine,” said Wenna.\n\n“It was not,” said Osric.',
      ),
    ).toEqual([null, 'Wenna Pellow', 'Osric Pellow']);
  });

  it('a first name compromise does not know but common name lists do ("Imogen") makes a person, with a gender "he" passes over', () => {
    expect(
      speakers(
        'Ronan Dacey and Imogen Threlkeld have run the ferry kiosk for a decade. “We nearly sold it in the first winter,” Imogen said. “Twice,” he said.',
      ),
    ).toEqual(['Imogen Threlkeld', 'Ronan Dacey']);
  });

  it('"he said" goes to the speaker of the sentence just before, in its paragraph, over a man of known gender a paragraph earlier', () => {
    expect(
      speakers(
        '“We had the better of the first hour,” said Gareth Pemberton, the home manager.\n\nTorvald Egremont, the visitors’ captain, said the dressing room had been “quiet”. “Nobody needed to raise a voice,” he said.',
      ),
    ).toEqual(['Gareth Pemberton', 'Torvald Egremont', 'Torvald Egremont']);
  });

  it('a question making a paragraph of its own after a witness’s answer is put to her, not asked by her, and the next bare quote answers it', () => {
    expect(
      speakers(
        'The harbour inquiry heard from Helen Maddox, who keeps the lighthouse log. “The lamp failed at ten past two,” she said.\n\n“Was anyone on the quay at the time?”\n\n“Nobody I could see.”',
      ),
    ).toEqual(['Helen Maddox', null, 'Helen Maddox']);
    // A run of questions is one speaker's.
    expect(
      speakers('“Who pays for the new roof?” said Martin Greaves.\n\n“And who pays when it leaks again?”'),
    ).toEqual(['Martin Greaves', 'Martin Greaves']);
  });

  it('"Casimir and Imogen Pellow": a word no dictionary knows before a full name the name lists know is the other given name of a couple', () => {
    expect(
      speakers(
        'When Casimir and Imogen Pellow bought the mill in 2015, the wheel had not turned for forty years.\n\n“Mine,” said Imogen.\n\n“It was not,” said Casimir.',
      ),
    ).toEqual(['Imogen Pellow', 'Casimir Pellow']);
  });

  it('a quote standing alone after a sentence about one person, in the same paragraph, is theirs; a new paragraph moves on', () => {
    expect(
      speakers('Margaret Ellery laughs when she hears the figure. “I would have guessed double.”'),
    ).toEqual(['Margaret Ellery']);
    expect(
      speakers('Margaret Ellery sells coats. She looks up from the till. “I would have guessed double.”'),
    ).toEqual(['Margaret Ellery']);
    expect(speakers('Margaret Ellery locked the shop at six.\n\n“Nobody came after dark.”')).toEqual([null]);
  });

  it('a police rank abbreviated ("DI", "Supt") is a title, so "DI Quennell" is the detective inspector named before', () => {
    expect(
      speakers(
        'Detective Inspector Maria Quennell said officers were searching the canal. “Nothing is ruled out yet,” she said.\n\nDI Quennell asked drivers with dashcams to get in touch. “Every clip helps,” she said.',
      ),
    ).toEqual(['Maria Quennell', 'Maria Quennell']);
  });

  it('after a question reported with its object ("asked her when …"), the quote alone is the answer of the one asked; a question quoted is the asker’s', () => {
    expect(
      speakers(
        'Margaret Ellery told the hearing she had been demoted. “It was humiliating,” she said.\n\nHer lawyer, Simon Achterberg, asked her when she found out. “A note on my desk on a Friday.”',
      ),
    ).toEqual(['Margaret Ellery', 'Margaret Ellery']);
    expect(
      speakers(
        'Margaret Ellery told the hearing she had been demoted.\n\nSimon Achterberg then asked her about the rota. “Who drew it up?”',
      ),
    ).toEqual(['Simon Achterberg']);
  });

  it('whom a question is put to by name (“…, Mr Dunstaple?”) is who the "he said" answering it means', () => {
    expect(
      speakers(
        'The inquiry chair, Orla Venning, turned to the engineer. “Were the pumps checked that week, Mr Dunstaple?”\n\nHe looked at his notes. “Not every day, no,” he said.',
      ),
    ).toEqual(['Orla Venning', 'Dunstaple']);
  });

  it('a paragraph of quotes alone signed off in the next ("— Name, Town") is the name’s, not the last writer’s', () => {
    expect(
      speakers(
        'Martin Greaves, of Low Fenwick, backs the plan. “The square has been a car park for too long,” he writes.\n\n“Keep the cars out and the cafés will follow.”\n\n— Helen Maddox, Castleby',
      ),
    ).toEqual(['Martin Greaves', 'Helen Maddox']);
  });

  it('"…, the MP for Eastby and Lowfield, asked Dr Greaves why …": the one asked after a comma is not an inverted speaker', () => {
    expect(
      speakers(
        'Turning to the regulator, Helen Maddox, the Labour MP for Eastby and Lowfield, asked Dr Greaves why the report was late. “You had it in March. Why sit on it?”',
      ),
    ).toEqual(['Helen Maddox']);
  });

  it('in an exchange, the one who asked lately puts the next question standing alone, after the answer', () => {
    expect(
      speakers(
        'Margaret Ellery told the hearing she had been demoted.\n\nHer lawyer, Simon Achterberg, asked her when she found out. “A note on my desk on a Friday.”\n\n“Had anyone warned you?”\n\n“Nobody. Not one person.”',
      ),
    ).toEqual(['Margaret Ellery', 'Simon Achterberg', 'Margaret Ellery']);
  });

  it('a reply that names no one (“…,” the mayor replied) after a question asked mid-paragraph is the reply of whom it was put to, and so is the answer standing alone after reported speech and a question', () => {
    expect(
      speakers(
        'Helen Maddox told Radio Castleby that the choice had cost her sleep.\n\nPresenter Martin Greaves put it to her that she had broken a promise. “You promised to hold the price. Was that a mistake?” he asked.\n\n“I promised to keep the buses running,” the mayor replied. “And they run.”\n\nShe told the programme the authority faced a gap in its budget.\n\n“Is this not a tax on the poor?” Greaves asked.\n\n“No, it is not.”',
      ),
    ).toEqual(['Martin Greaves', 'Helen Maddox', 'Helen Maddox', 'Martin Greaves', 'Helen Maddox']);
  });

  it('"…, but now said …": "now" between the conjunction and the verb is read over to the sentence’s subject', () => {
    expect(
      speakers(
        'Helen Maddox opposed the bypass, but now said the mayor had “every chance to unite the town.”',
      ),
    ).toEqual(['Helen Maddox']);
  });

  it('a title with its own "of" or "for" ("Chief of Staff", "Minister for Housing", "Speaker of the House") before a name is the name’s title', () => {
    expect(speakers('Chief of Staff Helen Maddox said the figures were “worrying.”')).toEqual([
      'Helen Maddox',
    ]);
    expect(speakers('Minister for Housing Helen Maddox said the figures were “worrying.”')).toEqual([
      'Helen Maddox',
    ]);
    expect(speakers('Speaker of the House Martin Greaves said “such images have no place here.”')).toEqual([
      'Martin Greaves',
    ]);
    // Not someone's spokesman.
    expect(speakers('A spokesman for Minister Helen Maddox said the figures were “worrying.”')).toEqual([
      null,
    ]);
  });

  it('a full name no dictionary knows a word of, the subject of a sentence, is someone the "he said" after it can mean', () => {
    expect(
      speakers(
        'A man who runs the café said the street had changed. Tarsem Bhogal has traded there since 1996. “Trade comes and goes,” he said.',
      ),
    ).toEqual(['Tarsem Bhogal']);
    // A firm's name has words the dictionary knows.
    expect(
      speakers('Brightwater Logistics has cut 300 jobs. “We regret every one of them,” she said.'),
    ).toEqual([null]);
  });

  it('words cut off by a dash end a turn: the next bare quote cuts in, and one opening with a dash takes them up again', () => {
    expect(
      speakers(
        'Martin Greaves and Helen Maddox argued for a year about the paint.\n\n“A year,” Helen said. “He wanted grey—”\n\n“Battleship grey, she calls it.”\n\n“—and I wanted the old green, which everyone in town knows.”',
      ),
    ).toEqual(['Helen Maddox', 'Helen Maddox', null, 'Helen Maddox']);
  });
});
