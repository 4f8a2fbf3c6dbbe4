import type { Article, Paragraph } from '../knowledge/types.js';
import { ANSWER_MODEL, answerConfidence } from './answerability.js';
import { passageSentenceIds, passageText, wholePassage, type Passage } from './passages.js';
import type { PersonProfile } from './question-focus.js';
import { questionCore } from './question-type.js';
import type { Ranking, ScoredParagraph } from './retrieve.js';
import { words } from './text-terms.js';
import type { AskResult, Citation } from './types.js';
import { instanceNames } from '../language/wordnet.js';

const MAX_ANSWER_SENTENCES = 3;
const MAX_CITATIONS = 3;
// Extra sentences must be nearly as good as the best one, or they dilute the answer.
const EXTRA_SENTENCE_RATIO = 0.8;
// "What did X say" wants X's statements, and every candidate is already X's own words: keep more of them.
const EXTRA_SPOKEN_RATIO = 0.5;
const EXTRA_CITATION_RATIO = 0.75;

/** What the engine knows about the knowledge base as a whole, for helpful declines. */
export interface KnowledgeSummary {
  articles: readonly Article[];
  /** The most-quoted people, for "you could ask" suggestions. */
  notableSpeakers: readonly string[];
  /** Known names nearest to a name the articles do not have (a typo, say), best first. */
  nearNames(name: string): readonly string[];
  /** The names (every alias) of whoever is quoted in a sentence; empty for a sentence without quotes. */
  quotedIn(sentenceId: string): readonly (readonly string[])[];
}

/**
 * Turns a ranking into the reply: one to three sentences quoted verbatim with their citations, or an
 * honest decline (off-topic question, or a named person who reports nothing on it).
 */
export function composeAnswer(question: string, ranking: Ranking, summary: KnowledgeSummary): AskResult {
  const top = ranking.paragraphs[0];
  const subject = ranking.focus.subject?.person;
  // "What did X say" about someone the articles name is on topic by construction: whether to answer is
  // decided by what X said (below), not by word overlap, which a bare "say" and a rare name defeat.
  // So is "who is X" for an X the articles name: they say at least where X appears. Naming someone the
  // articles know is not enough otherwise: "how much is <the chief executive> paid" names her and asks
  // for what the article never gives.
  const weak =
    !subject &&
    !asksWhoKnownPersonIs(question, ranking) &&
    answerConfidence(ranking) < ANSWER_MODEL.threshold;
  // "What did X say" about an X nobody in the articles is called, nor anything near it in meaning.
  const unknownSubject =
    ranking.focus.subjectPhrase !== undefined && !subject && ranking.unknownNames.length > 0;
  // A name WordNet knows as one particular place, person or body ("Wales", "Everest") that no article
  // holds by any of its names: the question is about something else. (A name WordNet does not know may be
  // a typo or someone new, and is weighed with the rest.) On the tuning part it declined 3 off-topic
  // questions and no answerable one; on SQuAD's development half, 2 of 1,299 answerable ones.
  const unknownThing = ranking.unknownNames.some((name) => instanceNames(name.toLowerCase()) !== undefined);
  if (ranking.focus.intent === 'summary' && ranking.unknownNames.length === 0)
    return summaryAnswer(question, summary);
  if (!top || weak || unknownSubject || unknownThing) {
    return {
      question,
      answer: offTopicMessage(summary, ranking.unknownNames),
      parts: [],
      declined: true,
      citations: [],
    };
  }

  const silent = silentSubject(ranking);
  if (silent) {
    return {
      question,
      answer: silentPersonMessage(silent.person, silent.paragraphs, summary.articles.length > 1),
      parts: [],
      declined: true,
      citations: silent.paragraphs.slice(0, MAX_CITATIONS).map((p) => citation(p.paragraph, p.article, 0)),
    };
  }

  if (subject && ranking.subjectTopicCoverage === 0) {
    return {
      question,
      answer: `${articlesWord(summary)} nothing ${subject.canonical} said about that. ${suggestion(summary)}`,
      parts: [],
      declined: true,
      citations: [],
    };
  }

  // Answer from the best paragraph's article only: a question about one article is not answered from another.
  const sameArticle = ranking.paragraphs.filter((p) => p.article.slug === top.article.slug);
  // "What did X say" is answered with X's own words only, wherever in the article they are.
  const spoken = subject ? new Set(subject.spoke) : undefined;
  const candidates = (spoken ? sameArticle : sameArticle.slice(0, MAX_CITATIONS))
    .flatMap((p) =>
      p.paragraph.sentences.map((sentence, i) => ({ sentence, scored: p, score: p.sentenceScores[i]! })),
    )
    .filter((c) => !spoken || spoken.has(c.sentence.id))
    .sort((a, b) => b.score - a.score);
  if (candidates.length === 0) {
    return { question, answer: offTopicMessage(summary, []), parts: [], declined: true, citations: [] };
  }
  // Each candidate is quoted as a passage that reads on its own: whole quotations, their speaker named.
  const passages = candidates.flatMap((c) => {
    const passage = attributed(wholePassage(c.scored.paragraph, c.sentence.index - 1), summary);
    return passage ? [{ ...c, passage }] : [];
  });
  const best = passages[0];
  if (!best)
    return { question, answer: offTopicMessage(summary, []), parts: [], declined: true, citations: [] };
  const chosen = [best];
  for (const candidate of passages.slice(1)) {
    if (
      chosen.length >= MAX_ANSWER_SENTENCES ||
      candidate.score < (spoken ? EXTRA_SPOKEN_RATIO : EXTRA_SENTENCE_RATIO) * best.score
    )
      break;
    // Nothing from a paragraph much weaker than the best one: it would pad the answer, not support it.
    if (!spoken && candidate.scored.score < EXTRA_CITATION_RATIO * top.score) continue;
    // A passage sharing sentences with one already chosen (a quotation and its attribution) joins it.
    const joined = chosen.find((c) => overlaps(c.passage, candidate.passage));
    if (joined) joined.passage = union(joined.passage, candidate.passage);
    else chosen.push(candidate);
  }

  const multiArticle = summary.articles.length > 1;
  const reading = [...chosen].sort(
    (a, b) => a.scored.paragraph.number - b.scored.paragraph.number || a.passage.from - b.passage.from,
  );
  const answer = reading
    .map(
      (c) => `${passageText(c.passage)} ${citationMark(c.scored.paragraph, c.scored.article, multiArticle)}`,
    )
    .join(' ');

  const cited: ScoredParagraph[] = [];
  for (const c of chosen) if (!cited.includes(c.scored)) cited.push(c.scored);
  for (const p of sameArticle) {
    if (cited.length >= MAX_CITATIONS || p.score < EXTRA_CITATION_RATIO * top.score) break;
    if (!cited.includes(p)) cited.push(p);
  }
  cited.sort((a, b) => b.score - a.score);
  return {
    question,
    answer,
    parts: reading.map((c) => ({ text: passageText(c.passage), citation: c.scored.paragraph.id })),
    declined: false,
    citations: cited.map((p) => citation(p.paragraph, p.article, p.score)),
  };
}

function union(a: Passage, b: Passage): Passage {
  return { paragraph: a.paragraph, from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}

/** Two passages of the same paragraph that share a sentence. */
function overlaps(a: Passage, b: Passage): boolean {
  return a.paragraph === b.paragraph && a.from <= b.to && b.from <= a.to;
}

// How far back a passage may reach for the sentence that names whoever it quotes ("…,” she added.).
const MAX_ATTRIBUTION_REACH = 2;

/**
 * The passage, reaching back within its paragraph to name whoever it quotes when it does not; undefined
 * when someone's quoted words cannot be shown with their name: another person's words without their
 * speaker would put them in nobody's mouth, or the wrong one's.
 */
function attributed(passage: Passage, summary: KnowledgeSummary): Passage | undefined {
  const speakers = passageSentenceIds(passage).flatMap((id) => summary.quotedIn(id));
  const named = (p: Passage) => {
    const text = passageText(p);
    return speakers.every((aliases) => aliases.some((alias) => namesIn(text, alias)));
  };
  for (let reach = 0; reach <= MAX_ATTRIBUTION_REACH && passage.from - reach >= 0; reach++) {
    const wider = wholePassage(passage.paragraph, passage.from - reach);
    const candidate = { ...passage, from: wider.from };
    if (named(candidate)) return candidate;
  }
  return undefined;
}

function namesIn(text: string, alias: string): boolean {
  const escaped = alias.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'u').test(text);
}

const WHO_IS = /^who(?:'s|’s|\s+is|\s+was)\s+(.+)$/i;

/** "Who is Ana Ruiz?": the question is a name and nothing else, and the articles know that person by it. */
function asksWhoKnownPersonIs(question: string, ranking: Ranking): boolean {
  const asked = WHO_IS.exec(questionCore(question))?.[1];
  if (!asked) return false;
  const name = words(asked).join(' ');
  return ranking.focus.people.some(
    ({ person, confidence }) =>
      confidence === 1 &&
      person.kind === 'person' &&
      [person.canonical, ...person.aliases].some((alias) => words(alias).join(' ') === name),
  );
}

/** `[¶14]`, or `[Title ¶14]` when several articles are loaded and the reader must know which. */
function citationMark(paragraph: Paragraph, article: Article, multiArticle: boolean): string {
  return multiArticle ? `[${article.title} ¶${paragraph.number}]` : `[¶${paragraph.number}]`;
}

function citation(paragraph: Paragraph, article: Article, score: number): Citation {
  return {
    id: paragraph.id,
    doc: article.slug,
    title: article.title,
    paragraph: paragraph.number,
    text: paragraph.text,
    score: Math.round(score * 1000) / 1000,
    ...(article.url ? { url: article.url } : {}),
  };
}

/**
 * The person a "what did X say" question is about, when the articles name them but attribute nothing
 * to them: answering from someone else's words would put words in their mouth.
 */
function silentSubject(
  ranking: Ranking,
): { person: PersonProfile; paragraphs: ScoredParagraph[] } | undefined {
  const subject = ranking.focus.subject?.person;
  if (!subject || subject.spoke.length > 0) return undefined;
  const paragraphs = [...ranking.subjectParagraphs].sort(
    (a, b) => a.article.slug.localeCompare(b.article.slug) || a.paragraph.number - b.paragraph.number,
  );
  return { person: subject, paragraphs };
}

function silentPersonMessage(
  person: PersonProfile,
  paragraphs: ScoredParagraph[],
  multiArticle: boolean,
): string {
  const where = paragraphs.map((p) => citationMark(p.paragraph, p.article, multiArticle)).join(' ');
  const article = multiArticle ? 'The articles mention' : 'The article mentions';
  return `${article} ${person.canonical}${where ? ` ${where}` : ''} but report${multiArticle ? '' : 's'} nothing ${person.canonical} said.`;
}

/** "What is the article about?": each article's opening sentence, which in news states the story. */
function summaryAnswer(question: string, summary: KnowledgeSummary): AskResult {
  const multiArticle = summary.articles.length > 1;
  const ledes = summary.articles.slice(0, MAX_ANSWER_SENTENCES).flatMap((article) => {
    const paragraph = article.paragraphs[0];
    const sentence = paragraph?.sentences[0];
    return paragraph && sentence ? [{ article, paragraph, sentence }] : [];
  });
  return {
    question,
    answer: ledes
      .map((l) => `${l.sentence.text} ${citationMark(l.paragraph, l.article, multiArticle)}`)
      .join(' '),
    parts: ledes.map((l) => ({ text: l.sentence.text, citation: l.paragraph.id })),
    declined: false,
    citations: ledes.map((l) => citation(l.paragraph, l.article, 1)),
  };
}

function offTopicMessage(summary: KnowledgeSummary, unknownNames: readonly string[]): string {
  const titles = summary.articles.slice(0, 3).map((a) => `“${a.title}”`);
  const more = summary.articles.length > 3 ? ` and ${summary.articles.length - 3} more` : '';
  const single = summary.articles.length === 1;
  const subject = single ? `The article (${titles[0]})` : `The articles (${titles.join(', ')}${more})`;
  const about =
    unknownNames.length > 0
      ? `${subject} ${single ? 'does' : 'do'} not mention ${joinNames(unknownNames)}, so I can't answer that.${didYouMean(summary, unknownNames)}`
      : `${subject} ${single ? "doesn't" : "don't"} say.`;
  return `${about} ${suggestion(summary)}`;
}

/** " Did you mean Sean Roe?" when a missing name is one typo away from a known one. */
function didYouMean(summary: KnowledgeSummary, unknownNames: readonly string[]): string {
  const near = [...new Set(unknownNames.flatMap((name) => summary.nearNames(name).slice(0, 1)))];
  return near.length > 0 ? ` Did you mean ${joinNames(near)}?` : '';
}

/** "The article reports" or "The articles report", to begin a sentence. */
function articlesWord(summary: KnowledgeSummary): string {
  return summary.articles.length === 1 ? 'The article reports' : 'The articles report';
}

/** What one could ask instead, from the people the articles quote most. */
function suggestion(summary: KnowledgeSummary): string {
  const people = summary.notableSpeakers.slice(0, 3);
  return people.length > 0
    ? `You could ask what ${joinNames(people)} said, or about the events they describe.`
    : 'You could ask about the people and events they describe.';
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
