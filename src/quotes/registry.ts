// One article's registry of the people, organisations and places it names: name spans (name-spans.ts) linked
// to entities, "Ruiz" and "Ms Ruiz" to the one "Ana Ruiz" they fit, with genders from titles or first names
// and roles from roles.ts. Aliases never cross articles, so two articles' "Ruiz" are never merged.
import type { Article } from '../knowledge/types.js';
import { knowsWord } from '../language/wordnet.js';
import type { AnalysedParagraph } from './analysed-paragraphs.js';
import { roleInCapitals, spansOf, type EntityKind, type NameSpan } from './name-spans.js';
import { roleHead, rolesAt } from './roles.js';
import {
  ACRONYM,
  hasAny,
  lexiconTags,
  PLACE_TAGS,
  stripDot,
  unknownToDictionaries,
} from './token-classes.js';
import { genderOfFirstName, isFirstName } from './first-names.js';
import {
  FAMILY_COMPARATIVES,
  GENDERED_NOUNS,
  HONORIFICS,
  ORG_SUFFIXES,
  TITLES,
  type TitleGender,
} from './word-lists.js';

/** The gender a pronoun needs: from a title, or else a dictionary of first names. */
export type Gender = 'male' | 'female';

/** A person, organisation or place named in one article. */
export interface RegistryEntity {
  key: string;
  doc: string;
  canonical: string;
  kind: EntityKind;
  aliases: Set<string>;
  /** The role the article gives: an apposition, a role before the name, or a title. */
  role: string | null;
  /** Head nouns of every role and title seen ("spokesman", "president"): what "the spokesman" can refer to. */
  roleHeads: Set<string>;
  /** Every role text seen, so "the director of Foo" can be checked against "director of Foo in Bar". */
  roleTexts: string[];
  gender: Gender | null;
  /** Registered only because the text has it speak, with nothing to say whether it is a person or a body. */
  kindGuessed: boolean;
  mentions: NameSpan[];
}

/** The people, organisations and places one article names, and where. Aliases never cross articles. */
export interface ArticleRegistry {
  doc: string;
  /** The article's title, where a Q&A names the person it is with. */
  headline: string;
  paragraphs: AnalysedParagraph[];
  entities: Map<string, RegistryEntity>;
  /** Name spans in the text around quotes, per paragraph, in token order. */
  outerSpans: NameSpan[][];
  /** Every span, inside quotes too. */
  spans: NameSpan[];
}

type GenderHint = TitleGender;

function newEntity(doc: string, canonical: string, kind: EntityKind): RegistryEntity {
  return {
    key: `${doc}:${canonical.toLowerCase()}`,
    doc,
    canonical,
    kind,
    aliases: new Set([canonical]),
    role: null,
    roleHeads: new Set(),
    roleTexts: [],
    gender: null,
    kindGuessed: false,
    mentions: [],
  };
}

function sameFullName(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 2) return false;
  const prefix = short.every((w, i) => long[i] === w);
  const ends = short[0] === long[0] && short[short.length - 1] === long[long.length - 1];
  // "Sousa Tavares" for "Rui Sousa Tavares": a compound surname without the given name.
  const surname = short.every((w, i) => long[long.length - short.length + i] === w);
  return prefix || ends || surname;
}

/** The person a full name names, merged with one whose name it shares in full or in part, else new. */
function personNamed(
  doc: string,
  words: readonly string[],
  people: RegistryEntity[],
  entities: Map<string, RegistryEntity>,
): RegistryEntity {
  const known = people.find((p) => sameFullName(p.canonical.split(' '), words));
  if (known) return known;
  const entity = newEntity(doc, words.join(' '), 'person');
  people.push(entity);
  entities.set(entity.key, entity);
  return entity;
}

/** The last word of an entity's canonical name: a person's surname. */
function surnameOf(entity: RegistryEntity): string {
  return entity.canonical.split(' ').at(-1) ?? entity.canonical;
}

/** A name of two or three words that no dictionary placed and that does not end like an organisation's. */
function unfamiliarFullName(span: NameSpan): boolean {
  return (
    span.kind === 'unknown' &&
    !roleInCapitals(span.words) &&
    span.words.length >= 2 &&
    span.words.length <= 3 &&
    !ORG_SUFFIXES.has(stripDot(span.words.at(-1)!))
  );
}

/** Whether `word` ends a person's full name and the dictionary does not know it as an organisation or place. */
function isSurnameOfSomeone(word: string, people: readonly RegistryEntity[]): boolean {
  const tags = lexiconTags(word.toLowerCase());
  if (hasAny(tags, ['Organization', ...PLACE_TAGS])) return false;
  return people.some((p) => surnameOf(p) === word);
}

/**
 * "Ann Roe" beside "Tom Roe", or "Ada Obi" and then "Ms Obi": a full name the
 * dictionaries did not know is a person's when its surname is a person's, alone or in another full name.
 */
function joinFamilyNames(
  doc: string,
  all: readonly NameSpan[],
  labels: readonly NameSpan[],
  people: RegistryEntity[],
  entities: Map<string, RegistryEntity>,
): void {
  const personalWords = new Set(
    all
      .filter((s) => s.words.length === 1 && s.kind === 'person' && (s.title.length > 0 || s.personLike))
      .map((s) => s.words[0] ?? ''),
  );
  // A name no dictionary placed, whose last word the text later uses alone, is a person's: news goes on
  // by a person's surname, not by the last word of a firm's or a place's name.
  const alone = new Set(
    all.filter((s) => s.words.length === 1 && s.kind === 'unknown').map((s) => s.words[0]!),
  );
  for (const span of all)
    if (unfamiliarFullName(span) && alone.has(span.words.at(-1)!)) personalWords.add(span.words.at(-1)!);
  for (const span of all) {
    const surname = span.words[span.words.length - 1] ?? '';
    if (span.entity || span.kind !== 'unknown' || span.words.length < 2 || labels.includes(span)) continue;
    const familyName = people.some((p) => surnameOf(p) === surname);
    if (!familyName && !personalWords.has(surname)) continue;
    span.kind = 'person';
    linkSpan(personNamed(doc, span.words, people, entities), span);
  }
}

/**
 * "the younger Mr Roe", "the elder Doe": a comparative before a surname two people bear sets its bearer
 * apart from the one the bare surname means.
 */
function setsApart(analysed: AnalysedParagraph | undefined, span: NameSpan): boolean {
  if (!analysed || span.stream !== -1) return false;
  const before = analysed.outer[span.first - 1];
  return FAMILY_COMPARATIVES.has(before?.lower ?? '') && analysed.outer[span.first - 2]?.lower === 'the';
}

/**
 * "Ann and Tom Roe", "Mary and Pat Doe": a given name joined by "and" to a full name of two words
 * shares its surname, as a couple's or siblings' names are written, names no dictionary knows as well. A
 * word that is someone's surname ("Smith and Tom Roe") or that looks like no one's given name is left as
 * it is.
 */
function joinSharedSurnames(
  doc: string,
  all: readonly NameSpan[],
  paragraphs: readonly AnalysedParagraph[],
  people: RegistryEntity[],
  entities: Map<string, RegistryEntity>,
): void {
  for (const span of all) {
    const word = span.words[0] ?? '';
    if (span.entity || span.words.length !== 1 || span.title.length > 0 || span.possessive) continue;
    const given = isFirstName(word.toLowerCase()) || lexiconTags(word.toLowerCase()).includes('Person');
    const analysed = paragraphs[span.paragraph];
    const tokens = span.stream === -1 ? analysed?.outer : analysed?.inner[span.stream];
    if (tokens?.[span.last + 1]?.lower !== 'and') continue;
    const partner = all.find(
      (s) => s.paragraph === span.paragraph && s.stream === span.stream && s.first === span.last + 2,
    );
    if (!partner || partner.words.length !== 2) continue;
    // "Oskar and Wenna Pellow": a word no dictionary knows ("Labour" is one WordNet knows), before a
    // person's full name or another name no dictionary knows, is a given name, and the couple's too.
    const unfamiliar = span.kind === 'unknown' && !partner.entity && unfamiliarFullName(partner);
    const beforePerson =
      span.kind === 'unknown' && partner.kind === 'person' && unknownToDictionaries(word.toLowerCase());
    if (span.kind !== 'person' && !span.personLike && !given && !unfamiliar && !beforePerson) continue;
    if (unfamiliar) {
      partner.kind = 'person';
      linkSpan(personNamed(doc, partner.words, people, entities), partner);
    }
    if (!partner.entity || partner.kind !== 'person') continue;
    if (people.some((p) => surnameOf(p) === word)) continue;
    span.kind = 'person';
    linkSpan(personNamed(doc, [word, partner.words[1] ?? ''], people, entities), span);
  }
}

/**
 * A transcript's label names the one person whose surname is its last word and whose name forms hold the
 * rest ("CITY ENGINEER HALASZ" is "City Engineer Imre Halasz", not "Mayor Vera Halasz").
 */
function linkLabel(label: NameSpan, people: readonly RegistryEntity[]): void {
  const words = [...label.title, ...label.words].map((w) => w.toLowerCase());
  const surname = words[words.length - 1] ?? '';
  const role = words.slice(0, -1).join(' ');
  const bearers = people.filter((p) => p.canonical.toLowerCase().split(' ').at(-1) === surname);
  const fitting = bearers.filter((p) => [...p.aliases].some((a) => a.toLowerCase().includes(role)));
  const [only, other] = fitting.length > 0 ? fitting : bearers;
  if (!only || other) return;
  label.kind = 'person';
  linkSpan(only, label);
}

/** A name in capitals standing before a colon, as a transcript labels who speaks ("MAYOR SZABO:"). */
function isLabel(paragraph: AnalysedParagraph | undefined, span: NameSpan): boolean {
  if (span.stream !== -1 || !paragraph) return false;
  const words = [...span.title, ...span.words];
  const capitals = words.every((word) => /^[\p{Lu}][\p{Lu}'’-]+$/u.test(word));
  return capitals && paragraph.outer[span.last + 1]?.text === ':';
}

/** Where a span stands in the article, for "named before": a name inside a quote counts as its paragraph's start. */
function textOrder(span: NameSpan): number {
  return span.paragraph * 1_000_000 + (span.stream === -1 ? span.first : 0);
}

/** The courtesy title a span bears ("mrs", "ms"), lower case without its full stop, or null. */
function honorificOf(span: NameSpan): string | null {
  return span.title.map(stripDot).find((t) => HONORIFICS.has(t)) ?? null;
}

/**
 * "Mrs. Doe" the mother and "Ms. Doe" the daughter: of several bearers of a surname, one the text
 * already addresses by another courtesy title of the same gender is someone else; the rest, if any remain.
 */
function apartByHonorific(span: NameSpan, fits: RegistryEntity[]): RegistryEntity[] {
  const honorific = honorificOf(span);
  if (!honorific || fits.length < 2) return fits;
  const clashes = (m: NameSpan): boolean => {
    const other = honorificOf(m);
    return !!other && other !== honorific && TITLES.get(other) === TITLES.get(honorific);
  };
  const apart = fits.filter((p) => !p.mentions.some(clashes));
  return apart.length > 0 ? apart : fits;
}

function titleGender(span: NameSpan): GenderHint {
  for (const t of span.title) {
    const g = TITLES.get(stripDot(t));
    if (g) return g;
  }
  return null;
}

function addRole(entity: RegistryEntity, role: string): void {
  const trimmed = role.trim();
  if (trimmed.length === 0 || entity.roleTexts.includes(trimmed)) return;
  entity.roleTexts.push(trimmed);
  const head = roleHead(trimmed);
  if (head) entity.roleHeads.add(head);
}

/** Records the roles the text gives an entity at one mention, and returns the best of them with its rank. */
function recordRolesAt(
  registry: ArticleRegistry,
  entity: RegistryEntity,
  span: NameSpan,
): { role: string; rank: number } | null {
  const found = rolesAt(registry.paragraphs[span.paragraph], span, entity.kind);
  for (const text of found?.texts ?? []) addRole(entity, text);
  return found?.best ?? null;
}

/** Records a span as a mention of an entity, with the alias it used. */
function linkSpan(entity: RegistryEntity, span: NameSpan): void {
  span.entity = entity.key;
  entity.mentions.push(span);
  entity.aliases.add(span.words.join(' '));
  if (span.title.length > 0) entity.aliases.add([...span.title, ...span.words].join(' '));
}

/**
 * Registers a span the registry left out (a lone unfamiliar word, say) once attribution shows it speaks:
 * a name that says something is a speaker, whatever else it is.
 */
export function speakerEntity(registry: ArticleRegistry, span: NameSpan): RegistryEntity {
  const known = span.entity ? registry.entities.get(span.entity) : undefined;
  if (known) return known;
  const word = span.words.join(' ');
  // "Ada Obi headed in …" then "“…,” Obi said": the speaker is the unfamiliar full name, if just one ends so,
  // whether or not that name has spoken already ("what Ada Obi called “…”" … "“…,” Obi said").
  const fuller = registry.spans.filter(
    (s) =>
      s.kind === 'unknown' &&
      s.words.length >= 2 &&
      s.words[s.words.length - 1] === word &&
      (!s.entity || registry.entities.get(s.entity)?.kind === 'person'),
  );
  const fullNames = new Set(fuller.map((s) => s.words.join(' ')));
  const canonical = span.words.length === 1 && fullNames.size === 1 ? [...fullNames][0]! : word;
  const acronym = ACRONYM.test(canonical);
  const kind: EntityKind = span.kind === 'organisation' || acronym ? 'organisation' : 'person';
  const key = `${registry.doc}:${canonical.toLowerCase()}`;
  const existing = registry.entities.get(key);
  const entity = existing ?? newEntity(registry.doc, canonical, kind);
  if (!existing) entity.kindGuessed = span.kind === 'unknown' && !span.personLike && !acronym;
  registry.entities.set(key, entity);
  linkSpan(entity, span);
  // Its other mentions, passed over until now, are mentions of the same speaker.
  for (const other of registry.spans) {
    const words = other.words.join(' ');
    if (!other.entity && other !== span && (words === canonical || words === word)) linkSpan(entity, other);
  }
  if (!registry.spans.includes(span)) registry.spans.push(span);
  entity.role ??= recordRolesAt(registry, entity, span)?.role ?? null;
  return entity;
}

function genderFromNames(entity: RegistryEntity): GenderHint {
  const [first = '', ...rest] = entity.canonical.split(' ');
  return rest.length > 0 ? genderOfFirstName(first) : null;
}

/**
 * Builds one article's registry: full names first (canonical = the fullest form), then surnames and
 * "Mr X" forms linked to the one full name they fit, then roles from titles, appositions and role words.
 */
export function buildArticleRegistry(article: Article, paragraphs: AnalysedParagraph[]): ArticleRegistry {
  const doc = article.slug;
  const entities = new Map<string, RegistryEntity>();
  const outerSpans: NameSpan[][] = [];
  const all: NameSpan[] = [];
  // Two readings: the second knows the words of every full name, so a sentence may open with a surname.
  const read = (known: ReadonlySet<string>, surnames?: ReadonlySet<string>): void => {
    outerSpans.length = 0;
    all.length = 0;
    paragraphs.forEach((analysed, index) => {
      const outer = spansOf(analysed, index, analysed.outer, -1, known, surnames);
      outerSpans.push(outer);
      all.push(...outer);
      analysed.inner.forEach((tokens, q) =>
        all.push(...spansOf(analysed, index, tokens, q, known, surnames)),
      );
    });
  };
  read(new Set());
  const firstFullNames = all.filter((s) => s.kind === 'person' && s.words.length >= 2);
  // "Zentra Transit Services … Zentra said": a firm's coined first word may open a sentence as its name.
  const firmHeads = all
    .filter((s) => s.kind === 'organisation' && s.words.length >= 2 && !knowsWord(s.words[0]!.toLowerCase()))
    .map((s) => s.words[0]!);
  // "Barnaby Tregellis for the Conservatives … Tregellis has just arrived": the last word of a name no
  // dictionary placed may open a later sentence alone, as a surname does.
  const unfamiliarSurnames = all.filter(unfamiliarFullName).map((s) => s.words.at(-1)!);
  const nameWords = new Set([...firstFullNames.flatMap((s) => s.words), ...firmHeads, ...unfamiliarSurnames]);
  const surnames = new Set(firstFullNames.map((s) => s.words[s.words.length - 1] ?? ''));
  if (nameWords.size > 0) read(nameWords, surnames);

  // "MAYOR SZABO: “…”": a transcript's label in capitals is read after the names it abbreviates.
  const labels = all.filter((s) => isLabel(paragraphs[s.paragraph], s));
  // Full names of people, merging "Ana Ruiz" into "Ana Ruiz Vidal" and "Ana M. Ruiz" with "Ana Ruiz".
  const people: RegistryEntity[] = [];
  const fullNames = all
    .filter((s) => s.kind === 'person' && s.words.length >= 2 && !labels.includes(s))
    .sort((a, b) => b.words.length - a.words.length);
  for (const span of fullNames) {
    linkSpan(personNamed(doc, span.words, people, entities), span);
  }

  for (const span of all) {
    if (span.entity || (span.kind !== 'organisation' && span.kind !== 'place')) continue;
    // "Mayor Don Guardian … Guardian said": a word that ends organisations' names, alone, is the surname of
    // the person the article has named so, unless the dictionary knows it as an organisation or a place.
    if (span.words.length === 1 && isSurnameOfSomeone(span.words[0] ?? '', people)) {
      span.kind = 'unknown';
      continue;
    }
    const canonical = span.words.join(' ');
    const key = `${doc}:${canonical.toLowerCase()}`;
    const entity = entities.get(key) ?? newEntity(doc, canonical, span.kind);
    // "US" reads as an acronym in one sentence and a place in the next: a place it is.
    if (span.kind === 'place') entity.kind = 'place';
    entities.set(key, entity);
    linkSpan(entity, span);
  }

  joinFamilyNames(doc, all, labels, people, entities);
  joinSharedSurnames(doc, all, paragraphs, people, entities);
  for (const label of labels) linkLabel(label, people);

  // One-word names: a surname or given name of exactly one full name, else a person of their own if titled.
  for (const span of all) {
    if (span.entity || span.words.length !== 1 || labels.includes(span)) continue;
    const word = span.words[0] ?? '';
    const hint = titleGender(span);
    const personal = span.kind === 'person' && (span.title.length > 0 || span.personLike);
    let fits = people.filter((p) => surnameOf(p) === word);
    if (fits.length === 0) fits = people.filter((p) => p.canonical.split(' ').includes(word));
    // Only a title speaks to gender here: dictionaries of first names are wrong too often (a "Mr" may bear a name the dictionary calls female).
    if (hint) fits = fits.filter((p) => p.mentions.every((m) => (titleGender(m) ?? hint) === hint));
    fits = apartByHonorific(span, fits);
    // "Dr Jane Roe … her husband, John Roe … Mr Roe said": of several bearers the title fits,
    // a first name of the other gender rules one out; the dictionary only breaks a tie here.
    if (hint && fits.length > 1) {
      const agree = fits.filter((p) => (genderFromNames(p) ?? hint) === hint);
      if (agree.length > 0) fits = agree;
    }
    // "Jamie Roe … Roe said … Sam Roe, no relation": a surname several full names share means
    // someone already named, and of those the one named most so far by the surname (news keeps the bare
    // surname for the main bearer, and calls another by the given name: "Ann"), the first named on a tie.
    // Given names count for one the text has never yet called by the surname ("Ann and Tom Roe").
    if (fits.length > 1) {
      const surname = fits.every((p) => surnameOf(p) === word);
      const bySurname = (m: NameSpan) => !surname || m.words.at(-1) === word;
      const before = (p: RegistryEntity) =>
        p.mentions.filter(
          (m) => textOrder(m) < textOrder(span) && (bySurname(m) || !p.mentions.some(bySurname)),
        );
      const first = (p: RegistryEntity) => Math.min(...p.mentions.map(textOrder));
      const named = fits.filter((p) => before(p).length > 0);
      const ranked = named.sort((a, b) => before(b).length - before(a).length || first(a) - first(b));
      // "the younger Mr Roe": of two bearers already named, the one the bare surname does not mean.
      const other = ranked.length === 2 && setsApart(paragraphs[span.paragraph], span);
      if (ranked.length > 0) fits = [ranked[other ? 1 : 0]!];
    }
    if (fits.length === 1 && fits[0]) {
      linkSpan(fits[0], span);
      continue;
    }
    if (fits.length > 1) continue;
    // "Calderon Transit Services … Calderon said in a statement": an organisation goes by its first word,
    // when one alone opens with it and the word is not someone's name or given with a title.
    const firms = [...entities.values()].filter(
      (e) => e.kind === 'organisation' && e.canonical.includes(' ') && e.canonical.split(' ')[0] === word,
    );
    if (firms.length === 1 && firms[0] && span.title.length === 0) {
      linkSpan(firms[0], span);
      continue;
    }
    if (personal) {
      const key = `${doc}:${word.toLowerCase()}`;
      const entity = entities.get(key) ?? newEntity(doc, word, 'person');
      entities.set(key, entity);
      linkSpan(entity, span);
    }
  }

  for (const entity of entities.values()) {
    if (entity.kind !== 'person') continue;
    const hints = new Set(entity.mentions.map(titleGender).filter((g): g is Gender => g !== null));
    entity.gender =
      hints.size === 1 ? ([...hints][0] ?? null) : hints.size === 0 ? genderFromNames(entity) : null;
    const surname = surnameOf(entity);
    const shortForms = entity.mentions.filter((m) => m.words.length === 1).map((m) => m.words[0] ?? '');
    for (const short of new Set([surname, ...shortForms])) {
      entity.aliases.add(short);
      if (entity.gender === 'male') entity.aliases.add(`Mr ${short}`);
      if (entity.gender === 'female') entity.aliases.add(`Ms ${short}`);
    }
  }

  const registry: ArticleRegistry = {
    doc,
    headline: article.title,
    paragraphs,
    entities,
    outerSpans,
    spans: all,
  };
  const rank = new Map<RegistryEntity, number>();
  for (const span of all) {
    const entity = span.entity ? entities.get(span.entity) : undefined;
    if (!entity) continue;
    const found = recordRolesAt(registry, entity, span);
    if (found && found.rank > (rank.get(entity) ?? 0)) {
      entity.role = found.role;
      rank.set(entity, found.rank);
    }
  }
  // "her grandfather, Tom Roe": a gendered role says what a first name could not.
  for (const entity of entities.values())
    if (entity.kind === 'person' && entity.gender === null) entity.gender = genderOfRoles(entity.roleHeads);
  return registry;
}

function genderOfRoles(heads: ReadonlySet<string>): GenderHint {
  const genders = new Set([...heads].map((h) => GENDERED_NOUNS.get(h)).filter((g) => g !== undefined));
  return genders.size === 1 ? ([...genders][0] ?? null) : null;
}

/** A speaker of unknown kind that the text calls "it" or "the company" is an organisation. */
export function settleAsOrganisation(entity: RegistryEntity | undefined): void {
  if (!entity?.kindGuessed) return;
  entity.kind = 'organisation';
  entity.kindGuessed = false;
}

/**
 * What attribution learns about an article's names, in the order it learned it: a name span shown to be
 * someone by speaking (a span of the registry attribution was given, or a one-word span it made), or a
 * speaker of guessed kind that the text calls "it" or "the company", so an organisation.
 */
export type Learned = { kind: 'speaks'; span: NameSpan } | { kind: 'organisation'; key: string };

/**
 * Records what attribution learned in the registry it read: the same steps, in the same order, that
 * attribution took on its own copy, so the registry ends as that copy did.
 */
export function recordLearned(registry: ArticleRegistry, learned: readonly Learned[]): void {
  for (const fact of learned) {
    if (fact.kind === 'speaks') speakerEntity(registry, fact.span);
    else settleAsOrganisation(registry.entities.get(fact.key));
  }
}

/**
 * A copy of a registry for attribution to add to, so the one it is given stays as it was: entities and spans
 * are copied, the analysed paragraphs shared (nothing writes to them). `originals` maps each copied span
 * back to the registry's own.
 */
export function copyRegistry(registry: ArticleRegistry): {
  copy: ArticleRegistry;
  originals: Map<NameSpan, NameSpan>;
} {
  const copies = new Map<NameSpan, NameSpan>();
  const originals = new Map<NameSpan, NameSpan>();
  const copySpan = (span: NameSpan): NameSpan => {
    const known = copies.get(span);
    if (known) return known;
    const made: NameSpan = { ...span, title: [...span.title], words: [...span.words] };
    copies.set(span, made);
    originals.set(made, span);
    return made;
  };
  const spans = registry.spans.map(copySpan);
  const outerSpans = registry.outerSpans.map((list) => list.map(copySpan));
  const entities = new Map(
    [...registry.entities].map(([key, e]): [string, RegistryEntity] => [
      key,
      {
        ...e,
        aliases: new Set(e.aliases),
        roleHeads: new Set(e.roleHeads),
        roleTexts: [...e.roleTexts],
        mentions: e.mentions.map(copySpan),
      },
    ]),
  );
  return { copy: { ...registry, entities, outerSpans, spans }, originals };
}
