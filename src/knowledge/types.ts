/** One sentence of a paragraph, as split at load time. `id` is `slug#paragraph.sentence`. */
export interface Sentence {
  id: string;
  /** 1-based position within its paragraph. */
  index: number;
  text: string;
}

/** One body paragraph, numbered from 1 as a reader counts them. `id` is `slug#n`, the citation id. */
export interface Paragraph {
  id: string;
  doc: string;
  number: number;
  text: string;
  sentences: Sentence[];
}

/** An article loaded from `knowledge/`: metadata from its front matter and its numbered body. */
export interface Article {
  slug: string;
  title: string;
  source: string;
  date?: string;
  url?: string;
  /** Path of the file it came from, relative to the knowledge folder. */
  file: string;
  /** Hash of the file's bytes, so a reload can tell what changed. */
  contentHash: string;
  paragraphs: Paragraph[];
}
