// The closed-class English vocabulary that quote attribution hangs on: titles, organisation words, role
// nouns, speech verbs. Generic by design: nothing here may name a person, place or phrase of any article.

/** A set of words from a space-separated list. */
export function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/u).filter(Boolean));
}

/** The gender a title implies, where it implies one. */
export type TitleGender = 'male' | 'female' | null;

/**
 * Every title that stands before a name ("Mr", "President", "Foreign Minister"), each written once, grouped by
 * what else it is. A title ending in "/m" or "/f" implies that gender.
 */
const TITLE_GROUPS = {
  /** Courtesy only: how to address someone, saying nothing of a role. */
  honorific: 'mr/m mrs/f ms/f miss/f mx madam/f madame/f',
  /** Other titles of courtesy or rank of address ("Dr", "Sir"): kept as a role only beside a word that is not. */
  courtesy: 'dr prof professor sir/m dame/f lord/m lady/f rev reverend alhaji/m alhaja/f',
  /** Words that may open a title but are never a title alone ("Foreign Minister", "Home Secretary"). */
  modifier: `foreign defence defense finance interior home health state press trade economy first crown grand supreme
    vice prime deputy executive`,
  /** Titles of office, rank, church, crown or family. */
  office: `king/m prince/m father/m brother/m sheikh/m emir/m sultan/m queen/f princess/f sister/f president minister
    premier chancellor senator sen rep representative congressman congresswoman governor gov mayor judge justice
    general gen colonel col captain capt lieutenant lt sergeant sgt admiral commander pope rabbi imam bishop
    archbishop cardinal secretary ambassador commissioner chief chairman chairwoman director inspector detective
    officer constable superintendent speaker attorney solicitor leader councillor cllr councilman councilwoman
    councilmember alderman alderwoman assemblyman assemblywoman assemblymember sheriff marshal sp csp dsp asp
    di dci dsi dcs supt insp det cpl pte`,
};

/** A group of TITLE_GROUPS as [title, gender] pairs. */
function titleGroup(list: string): [string, TitleGender][] {
  return [...words(list)].map((entry): [string, TitleGender] => {
    const [title = '', gender] = entry.split('/');
    return [title, gender === 'm' ? 'male' : gender === 'f' ? 'female' : null];
  });
}

/** Titles that stand before a name ("Mr", "President", "Foreign Minister"), with the gender they imply. */
export const TITLES: ReadonlyMap<string, TitleGender> = new Map(
  Object.values(TITLE_GROUPS).flatMap(titleGroup),
);

const titlesOf = (list: string): ReadonlySet<string> => new Set(titleGroup(list).map(([title]) => title));

/** Words that may open a title but are never a title alone ("Foreign Minister", "Home Secretary"). */
export const TITLE_MODIFIERS = titlesOf(TITLE_GROUPS.modifier);

/** Titles of crown and church, whose bearers give their names to hospitals, schools and colleges. */
export const NAMESAKE_TITLES = words(
  'king queen prince princess pope father brother sister bishop archbishop cardinal rabbi imam sheikh emir sultan lord lady sir dame',
);

/** Titles that are courtesy only and say nothing of a role. */
export const HONORIFICS = titlesOf(TITLE_GROUPS.honorific);

/** Titles that are courtesy or rank of address only ("Dr", "Sir"): kept as a role only with a word that is not. */
export const COURTESY_TITLES: ReadonlySet<string> = new Set([
  ...HONORIFICS,
  ...titlesOf(TITLE_GROUPS.courtesy),
]);

/** Last words that make a capitalised run an organisation ("… Institute", "… Authority", "… Ministry"). */
export const ORG_SUFFIXES = words(`
  institute institution university college school academy watch authority ministry department agency commission
  council committee party bank fund group association foundation corporation corp inc ltd plc llc company co
  organisation organization office service services police court board union federation alliance network times post
  news journal centre center society trust club army navy force forces church parliament congress senate assembly
  government administration laboratory labs initiative coalition movement league museum hospital airlines airways
  bureau tribunal reserve house cabinet guard command chamber exchange holdings partners international press
  magazine herald telegraph guardian tribune gazette broadcasting media observatory commissioner secretariat
  mission embassy consulate pentagon kremlin corps`);

/** Nouns that name a job or role: what an apposition or "the spokesman" hangs on. */
export const ROLE_NOUNS = words(`
  spokesman spokeswoman spokesperson spokesmen director manager master secretary minister president chairman chairwoman
  chair chief head leader official analyst expert professor researcher fellow economist adviser advisor executive
  founder co-founder editor ambassador envoy senator governor mayor lawyer attorney judge commander general officer
  correspondent strategist diplomat coordinator commissioner representative member owner partner ceo cfo coo
  chancellor premier king queen prince deputy candidate nominee negotiator campaigner activist author scientist
  doctor physician teacher pastor bishop dean principal superintendent inspector detective captain colonel
  lieutenant sergeant historian scholar specialist consultant investor trader banker counsel prosecutor lawmaker
  legislator congressman congresswoman politician mp mep councillor councilor vice-president president-elect boss
  aide staffer organiser organizer director-general secretary-general pollster commentator columnist reporter
  journalist filmmaker comedian actor actress singer presenter broadcaster podcaster blogger`);

/**
 * Nouns for a person's part in a story that are not jobs ("client", "tenant", "referee"): enough to read
 * "Another parent, Jane Roe," as a person with a role. Kept apart from ROLE_NOUNS, which attribution and the
 * evaluation also read.
 */
export const PERSON_NOUNS = words(`
  client customer patient resident tenant landlord landlady parent mother son daughter wife husband widow widower
  neighbour neighbor friend student pupil graduate referee umpire guard caretaker curator coach guide runner
  player striker goalkeeper defender midfielder athlete cyclist swimmer driver pilot nurse surgeon paramedic
  firefighter engineer architect farmer worker volunteer witness victim survivor vicar priest headteacher
  headmaster headmistress receiver trustee administrator investigator auditor regulator ombudsman juror plaintiff
  defendant claimant appellant applicant petitioner shopkeeper publican chef artist musician writer novelist
  photographer designer developer programmer entrepreneur businessman businesswoman landowner homeowner
  pensioner retiree commuter passenger shopper motorist pedestrian bystander onlooker visitor tourist
  spectator supporter fan`);

/** "-ing" words that qualify a role rather than open a clause ("managing director", "acting chief"). */
export const ROLE_ING_MODIFIERS = words(`
  managing acting presiding reigning sitting serving outgoing founding consulting supervising commanding
  investigating attending leading visiting governing ruling retiring ranking`);

/** Past participles that qualify a person ("retired firefighter", "jailed activist"), not a verb of the clause. */
export const ROLE_PARTICIPLES = words(`
  retired elected appointed acquitted convicted jailed disgraced ousted suspended sacked dismissed deposed exiled
  detained imprisoned injured wounded bereaved unnamed renowned celebrated licensed registered qualified trained
  certified experienced unemployed self-employed`);

/** Possessive pronouns: "her lawyer" says nothing once read apart from the sentence, so a role drops them. */
export const POSSESSIVE_PRONOUNS = words('her his their its our my your');

/** Words that open a noun phrase naming someone by their part ("her lawyer", "another parent"). */
export const PHRASE_OPENERS: ReadonlySet<string> = new Set([
  ...words('the a an another one'),
  ...POSSESSIVE_PRONOUNS,
]);

/** Abbreviated titles, written out for a role ("Sen." → "Senator"), so "the senator" finds it. */
export const TITLE_EXPANSIONS: ReadonlyMap<string, string> = new Map([
  ['sen', 'Senator'],
  ['rep', 'Representative'],
  ['gov', 'Governor'],
  ['gen', 'General'],
  ['col', 'Colonel'],
  ['capt', 'Captain'],
  ['lt', 'Lieutenant'],
  ['sgt', 'Sergeant'],
  ['cllr', 'Councillor'],
]);

/** Last words of a named law or document ("… Act", "… Regulation"): such a name is never a person's. */
export const DOCUMENT_SUFFIXES = words(
  'act acts regulation regulations directive treaty convention accord protocol charter amendment constitution',
);

/** Days of the week: capitalised, still never a name. */
export const WEEKDAYS = words('monday tuesday wednesday thursday friday saturday sunday');

/** Month names written out. */
export const MONTH_NAMES = words(
  'january february march april may june july august september october november december',
);

/** Month names and their short forms: alone, such a word is a date, never a person. */
export const MONTHS: ReadonlySet<string> = new Set([
  ...MONTH_NAMES,
  ...words('jan feb mar apr jun jul aug sep sept oct nov dec'),
]);

/**
 * Letters written after a full name ("Jane Roe KC", "Jane Roe MP", "Jane Roe OBE"): a rank at the bar, a seat
 * or an honour, never part of the name. Kept in the case they are written in.
 */
export const POST_NOMINALS: ReadonlySet<string> = new Set(
  'KC QC SC MP MSP MEP MLA MPP MHA TD OBE MBE CBE KBE DBE PhD'.split(' '),
);

/** Words that set one bearer of a family's surname apart from another ("the younger Mr Roe"). */
export const FAMILY_COMPARATIVES = words('younger elder older');

/** Particles inside a name ("de", "van", "bin"). */
export const NAME_CONNECTORS = words(
  'de da di do das del della dos du van von der den ter bin ibn al el la le y &',
);

/** Adverb particles that end a phrasal verb ("cut in", "shot back", "chipped in"). */
export const VERB_PARTICLES = words('in back up out off on');

/** Prepositions: a name right after one is not the subject of the verb that follows. */
export const PREPOSITIONS = words(
  'of for at in from with against to on by about into over under than between among like toward towards upon without within',
);

/** Words that open a relative clause. */
export const RELATIVES = words('who which whose whom that');

/** Subject pronouns. */
export const PRONOUNS = words('he she it they we i');

/** Words that cannot open an apposition: what follows them is a clause. */
export const NOT_AN_APPOSITION: ReadonlySet<string> = new Set([
  ...RELATIVES,
  ...PRONOUNS,
  ...words('where when and but or as while if because although though so then you according'),
]);

/**
 * Every speech verb form, each written once, grouped by how attribution reads it. A form ending in "!" is read
 * as a speech verb even where compromise does not tag it as one. The inverted order (“…,” said X) is only read
 * for the first two groups: after "told" or "described" the name is the listener or the one described.
 */
const SPEECH_VERB_GROUPS = {
  /** Only right after a quote (“…,” he continued): elsewhere they say nothing of speech. */
  invertedOnly: 'continued continues',
  /** May come before their subject (“…,” said X). */
  invertible: `
    said! says! say added! adds! asked asks wrote writes explained explains replied replies insisted insists argued
    argues warned warns noted notes recalled acknowledged admitted conceded declared stated suggested countered
    responded observed remarked tweeted quipped joked cautioned complained claimed concluded predicted promised
    pledged vowed stressed emphasised emphasized announced confirmed agreed lamented boasted exclaimed maintained
    contended asserted reiterated urged proclaimed interjected opined
    acknowledges admits concedes declares states suggests counters responds observes remarks tweets quips jokes
    cautions complains claims concludes predicts promises pledges vows stresses announces confirms agrees laments
    boasts exclaims maintains contends asserts reiterates urges recalls proclaims interjects opines`,
  /** Their object follows them ("told reporters", "described X as"). */
  notInvertible: `
    reported reports tell tells told! describe described describes call called calls accuse accused accuses label
    labelled labeled dub dubbed brand branded hail hailed praise praised criticise criticised criticize criticized
    condemn condemned term termed blame blamed dismiss dismissed deny denied welcome welcomed slam slammed urge`,
  /** Participles, whose subject is the clause's ("…, saying …"). */
  participles: `
    saying! adding! telling! arguing insisting warning noting explaining claiming describing calling accusing urging
    suggesting stressing predicting promising vowing asking writing! tweeting! acknowledging admitting complaining declaring
    branding labelling labeling dismissing`,
};

/** The forms of speech verb groups, without their marks. */
const speechVerbs = (...lists: string[]): ReadonlySet<string> =>
  new Set(lists.flatMap((list) => [...words(list)].map((w) => w.replace(/!$/u, ''))));

/** Speech verbs only right after a quote (“…,” he continued): elsewhere they say nothing of speech. */
export const INVERTED_ONLY = speechVerbs(SPEECH_VERB_GROUPS.invertedOnly);

/** Speech verbs that may come before their subject (“…,” said X). */
export const INVERTIBLE = speechVerbs(SPEECH_VERB_GROUPS.invertedOnly, SPEECH_VERB_GROUPS.invertible);

/** Speech verbs whose object follows them ("told reporters", "described X as"). */
export const NOT_INVERTIBLE = speechVerbs(SPEECH_VERB_GROUPS.notInvertible);

/** Speech participles, whose subject is the clause's ("…, saying …"). */
export const PARTICIPLES = speechVerbs(SPEECH_VERB_GROUPS.participles);

/** Forms read as speech verbs even when compromise does not tag them as verbs (and "according", of "according to"). */
export const SURE_VERBS: ReadonlySet<string> = new Set([
  ...Object.values(SPEECH_VERB_GROUPS)
    .flatMap((list) => [...words(list)])
    .filter((w) => w.endsWith('!'))
    .map((w) => w.slice(0, -1)),
  'according',
]);

/** Nouns of speech: "a call from X", "X's warning that …". */
export const SPEECH_NOUNS = words(`
  call calls appeal plea demand demands warning warnings pledge promise vow threat threats claim claims accusation
  accusations statement remarks comments comment description message words tweet letter criticism rebuke denial
  admission request proposal insistence assurance assurances suggestion prediction complaint answer response reply
  speech announcement declaration condemnation verdict`);

/**
 * Participles that name a document's author before "by" ("a letter signed by", "a statement issued by"),
 * not whoever read or obtained it ("seen by", "obtained by").
 */
export const AUTHORED = words(
  'filed issued released signed written sent published prepared authored posted drafted',
);

/** Nouns of "in her words", "by his own account": the one who owns them is the source of what follows. */
export const OWN_WORDS_NOUNS = words('words account');

/** Someone who speaks for the organisation named after "for"/"of": the organisation is the speaker. */
export const SPOKES = words(
  'spokesman spokeswoman spokesperson spokesmen spokespeople representative representatives',
);

/** Verbs of asking: their subject puts a question, so a reply that follows is someone else's. */
export const ASKING_VERBS = words('asked asks');

/**
 * Verbs of reading out someone else's words ("Jane Roe read from an email: “…”", "she quoted the report:"):
 * their subject is not who wrote what follows.
 */
export const QUOTING_VERBS = words('read reads quoted quotes cited cites recited recites');

/** Verbs of replying ("she replied"): their subject is the one asked, not the asker. */
export const REPLY_VERBS = words('replied replies answered answers responded responds retorted');

/** Forms of "be": before a past participle they make it passive ("was told"). */
export const BE_FORMS = words('is was were are be been being');

/** Words that may stand between a subject and its verb ("X has previously said", "X herself told"). */
export const SKIPPABLE: ReadonlySet<string> = new Set([
  ...words(`
    has have had is was were are be been being will would could should may might must can did does do shall not
    never also only just previously recently later earlier then now again already once still repeatedly publicly
    privately separately reportedly allegedly often always frequently even further first last this next on
    yesterday today tonight week month year weekend morning afternoon evening night day
    himself herself itself themselves`),
  ...WEEKDAYS,
  ...MONTH_NAMES,
]);

/** Words that may open a sentence before its subject ("Yet X …", "Meanwhile X …"). */
export const LEAD_SKIP = words(
  'yet but and so still meanwhile however also now then here instead indeed moreover separately nonetheless nevertheless',
);

/** Conjunctions of time, cause and concession that open a clause of their own ("after X found …"). */
const SUBORDINATING = 'after before when because since although though while until once';

/** Words that open an adverbial clause before the subject ("When asked, X said …"). */
export const ADVERBIAL_OPENERS = words(`${SUBORDINATING} as if despite`);

/** Conjunctions that, after a comma, open a clause with a subject of its own. */
export const CLAUSE_CONJUNCTIONS = words('but and while whereas although though yet because');

/**
 * Words that open a noun phrase. "another" too: "Another parent, who …, called" is someone unnamed, a subject
 * a later "she said" cannot skip past to a woman named before.
 */
export const DETERMINERS = words('the a an another this that these those');
/** The articles: what opens a described noun phrase (", a nurse who …", "the Roe campaign"). */
export const ARTICLES = words('the a an');
export const DEFINITE = words('the this that');
/** Words that open a phrase for someone not yet named ("a man", "another parent", "one resident"). */
export const INDEFINITE = words('a an another one');

/** Modifiers a description may add without naming a different role ("the former president"). */
export const GENERIC_MODIFIERS = words('former new current then outgoing incoming late same other veteran');

/** Verbs of a speaker's reaction that make a sentence of their own ("Jones shrugged."): what follows is their reply. */
export const REACTION_VERBS = words(
  'laughed laughs smiled smiles grinned grins shrugged shrugs nodded nods sighed sighs chuckled chuckles winced winces',
);

/** Verbs of a gesture made with a part of the body ("rolls her eyes", "shook his head", "raised an eyebrow"). */
export const GESTURE_VERBS = words(
  'rolls rolled shakes shook raises raised scratches scratched throws threw',
);

/** Words that open an aside between a name and its verb ("X, asked about it, said"). */
export const ASIDE_OPENERS = words('asked pressed questioned interviewed quoted told');

/** "the company said": a corporate description, resolved only to a business name or a one-word speaker. */
export const CORPORATE_HEADS = words(
  'company firm business retailer manufacturer maker carrier airline lender insurer group',
);

/** What kind of business a name before it is ("the Acme bakery"): the business speaks by its name. */
export const VENUE_NOUNS = words(
  'company firm business retailer cafe café restaurant bakery pub bar shop store hotel brewery bookshop',
);

/** Names that end like a business ("… Holdings", "… Airlines"). */
export const CORPORATE_SUFFIX =
  /\b(inc|corp|corporation|ltd|plc|llc|co|company|group|holdings|airlines|airways|bank|motors|technologies|systems|pharmaceuticals|industries|partners)$/iu;

/** Nouns for a person that say their gender ("her grandfather", "the club's chairwoman"). */
export const GENDERED_NOUNS: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ...[...words('man boy father son brother husband grandfather grandson uncle nephew king prince widower')]
    .concat([...words('chairman spokesman businessman congressman councilman actor waiter')])
    .map((w): [string, 'male'] => [w, 'male']),
  ...[
    ...words(
      'woman girl mother daughter sister wife grandmother granddaughter aunt niece queen princess widow',
    ),
  ]
    .concat([...words('chairwoman spokeswoman businesswoman congresswoman councilwoman actress waitress')])
    .map((w): [string, 'female'] => [w, 'female']),
]);

/** Words that give what follows as a name or title ("a report titled “…”"), not as anyone's words. */
export const TITLING_WORDS = words('titled entitled subtitled headlined');

/** Words that open a subordinate clause with a subject and verb of its own ("after a survey found"). */
export const SUBORDINATORS = words(`${SUBORDINATING} whereas`);

/** Verbs of "As Jane Roe put it, …", "as Roe noted, …": the source of the sentence's words. */
export const AS_SOURCE_VERBS = words('put puts said says noted notes wrote writes observed observes');

/** Words for a spouse, with the spouse's gender: "her husband says" is the man who shares her surname. */
export const SPOUSES: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ['husband', 'male'],
  ['wife', 'female'],
]);
