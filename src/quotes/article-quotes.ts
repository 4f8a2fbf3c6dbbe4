import type { Article } from '../knowledge/types.js';
import { attributeQuotesInSteps, type ArticleAttribution } from './attribute-quotes.js';
import { analyseParagraph, type AnalysedParagraph } from './analysed-paragraphs.js';
import type { EntityKind } from './name-spans.js';
import { paragraphPieces } from './paragraph-pieces.js';
import {
  buildArticleRegistry,
  recordLearned,
  type ArticleRegistry,
  type RegistryEntity,
} from './registry.js';

/** One person, organisation or speaking place of an article: only what the merged index reads. */
export interface ArticleSpeaker {
  canonical: string;
  kind: EntityKind;
  /** Every name form the article uses, and the surname of a full name even if never used alone. */
  aliases: string[];
  role: string | null;
  /** Sentence ids where the speaker is named, in text order, once each. */
  mentions: string[];
  /** Indices of the paragraphs where the speaker is named, in order, once each. */
  paragraphs: number[];
  /** Sentence ids where the speaker talks, quoted or reported. */
  spoke: string[];
}

/** One quote of an article, with its speaker as an index into the article's speakers. */
export interface ArticleQuote {
  paragraphIndex: number;
  speaker: number | null;
  text: string;
  context: string;
  sentenceIds: string[];
}

/**
 * The costly per-article part of the quote index (tagging, registry, attribution); depends on that article
 * only. Only what lookups read is kept, not the name spans, roles or tokens it came from, so keeping every
 * article's analysis for reloads (or on disk) costs little.
 */
export interface ArticleQuotes {
  speakers: ArticleSpeaker[];
  quotes: ArticleQuote[];
}

const sentenceNumber = (id: string): number => Number(id.slice(id.lastIndexOf('.') + 1));

function summariseEntity(
  entity: RegistryEntity,
  spoke: ReadonlySet<string> | undefined,
  paragraphOf: readonly number[],
): ArticleSpeaker {
  const aliases = new Set(entity.aliases);
  // A person named in full is also found by surname, even if the article never used it alone.
  const names = entity.canonical.split(' ');
  if (entity.kind === 'person' && names.length >= 2) aliases.add(names[names.length - 1]!);
  const inOrder = [...entity.mentions].sort(
    (a, b) => a.paragraph - b.paragraph || sentenceNumber(a.sentenceId) - sentenceNumber(b.sentenceId),
  );
  return {
    canonical: entity.canonical,
    kind: entity.kind,
    aliases: [...aliases],
    role: entity.role,
    mentions: [...new Set(inOrder.map((m) => m.sentenceId))],
    paragraphs: [...new Set(inOrder.map((m) => paragraphOf[m.paragraph]!))],
    spoke: [...(spoke ?? [])],
  };
}

/**
 * Tokenises and tags the article's paragraphs, a long one in pieces, with a turn for other work (an /ask
 * during a reload) after each; `paragraphOf[i]` is the article paragraph that piece i comes from.
 */
async function readPieces(
  article: Article,
): Promise<{ analysed: AnalysedParagraph[]; paragraphOf: number[] }> {
  const analysed: AnalysedParagraph[] = [];
  const paragraphOf: number[] = [];
  for (const [index, whole] of article.paragraphs.entries()) {
    for (const paragraph of paragraphPieces(whole)) {
      analysed.push(analyseParagraph(paragraph));
      paragraphOf.push(index);
      if (paragraph !== whole) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return { analysed, paragraphOf };
}

/** Longest stretch of attribution between turns for other work. */
const ATTRIBUTION_TURN_MS = 50;

/** Attributes the article's quotes, letting other work run whenever a stretch of paragraphs took long. */
async function attributeInTurns(registry: ArticleRegistry): Promise<ArticleAttribution> {
  const steps = attributeQuotesInSteps(registry);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since > ATTRIBUTION_TURN_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}

/**
 * Reads one article for the quote index: its speakers and its quotes with who said them. A paragraph
 * longer than a few sentences is read as consecutive pieces, yielding between them, so no article holds
 * the event loop for long. Rejects if `loadTagger()` has not finished.
 */
export async function analyseArticleQuotes(article: Article): Promise<ArticleQuotes> {
  const { analysed, paragraphOf } = await readPieces(article);
  const registry = buildArticleRegistry(article, analysed);
  const attribution = await attributeInTurns(registry);
  // Speakers only attribution found (a name that speaks but was not registered) join the registry here.
  recordLearned(registry, attribution.learned);
  const speakers: ArticleSpeaker[] = [];
  const indexOf = new Map<string, number>();
  for (const entity of registry.entities.values()) {
    // Places join the registry only if the article has them speak.
    if (entity.kind === 'place' && !attribution.spoke.has(entity.key)) continue;
    indexOf.set(entity.key, speakers.length);
    speakers.push(summariseEntity(entity, attribution.spoke.get(entity.key), paragraphOf));
  }
  const quotes = attribution.quotes.map(({ quote, paragraphIndex, speaker }): ArticleQuote => ({
    paragraphIndex: paragraphOf[paragraphIndex]!,
    speaker: speaker === null ? null : (indexOf.get(speaker) ?? null),
    text: quote.text,
    context: quote.context,
    sentenceIds: quote.sentenceIds,
  }));
  return { speakers, quotes };
}
