import type { Paragraph } from '../knowledge/types.js';

/** A corpus position found from an id: what a Map of every id would answer, without holding one. */
export interface PositionLookup {
  get(id: string): number | undefined;
}

/** The corpus in reading order, as `HybridRetriever` lays it out. */
export interface CorpusLayout {
  /** Each article's slug, by article position. */
  slugs: readonly string[];
  /** Each article's first paragraph position, by article position. */
  firstParagraphOfArticle: Int32Array;
  paragraphs: readonly { paragraph: Paragraph; sentenceStart: number }[];
}

/**
 * Finds paragraphs and sentences by id from the ids' own form (`slug#paragraph`, `slug#paragraph.sentence`,
 * numbered from 1: see Paragraph and Sentence) and the layout, so a build keeps one map of slugs (an entry
 * per article) where it kept one of every paragraph and sentence id (40,000 entries at 1,000 articles,
 * made again at every start-up and reload). An id is found only if the position it leads to has that
 * very id, so an unknown or malformed id finds nothing, as with a map.
 */
export function positionsById(layout: CorpusLayout): { paragraph: PositionLookup; sentence: PositionLookup } {
  const articleOf = new Map(layout.slugs.map((slug, a) => [slug, a]));
  const { firstParagraphOfArticle, paragraphs } = layout;
  /** The paragraph position `slug#n` names, if that paragraph has the id `paragraphId`; else -1. */
  const paragraphAt = (slug: string, number: string, paragraphId: string): number => {
    const a = articleOf.get(slug);
    const n = Number(number);
    if (a === undefined || !Number.isInteger(n) || n < 1) return -1;
    const p = firstParagraphOfArticle[a]! + n - 1;
    return paragraphs[p]?.paragraph.id === paragraphId ? p : -1;
  };
  return {
    paragraph: {
      get(id) {
        const hash = id.lastIndexOf('#');
        const p = hash < 0 ? -1 : paragraphAt(id.slice(0, hash), id.slice(hash + 1), id);
        return p < 0 ? undefined : p;
      },
    },
    sentence: {
      get(id) {
        const hash = id.lastIndexOf('#');
        const dot = id.indexOf('.', hash);
        if (hash < 0 || dot < 0) return undefined;
        const p = paragraphAt(id.slice(0, hash), id.slice(hash + 1, dot), id.slice(0, dot));
        const j = Number(id.slice(dot + 1));
        if (p < 0 || !Number.isInteger(j) || j < 1) return undefined;
        const { paragraph, sentenceStart } = paragraphs[p]!;
        return paragraph.sentences[j - 1]?.id === id ? sentenceStart + j - 1 : undefined;
      },
    },
  };
}
