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

/** A folder entry that was not read as an article, with the reason in words for whoever keeps the folder. */
export interface SkippedFile {
  /** The entry's name in the knowledge folder. */
  file: string;
  /** Why it was left out, phrased to follow the name: "is a folder; subfolders are not read". */
  reason: string;
}

/** What a knowledge folder holds: its articles, and every entry left out with its reason. */
export interface KnowledgeFolder {
  articles: Article[];
  skipped: SkippedFile[];
}
