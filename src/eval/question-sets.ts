import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { questionType } from '../answer/question-type.js';

/** A paragraph that answers a question: its article's slug and its number, counted from 1. */
export interface GoldParagraph {
  doc: string;
  paragraph: number;
}

/** One question of an evaluation set. */
export interface EvalQuestion {
  q: string;
  /** The question's kind, for breakdowns: a question type, or `said` for "what did X say". */
  type: string;
  /** Answering paragraphs; empty for a question the articles do not answer. */
  gold: GoldParagraph[];
  /** Spans that answer it, verbatim from a gold paragraph (may be empty). */
  answers: string[];
  /** For questions the articles do not answer: on the articles' subject (a fact they do not give) or not. */
  plausible?: boolean;
  /** Names a person only by a role the article does not use. */
  byRole?: boolean;
}

/** Questions and the knowledge folder they are about. */
export interface EvalSet {
  name: string;
  /** The articles the questions are about (a bank part's own articles), for its quote figures. */
  docs?: string[];
  knowledgeDir: string;
  questions: EvalQuestion[];
}

const bankFileSchema = z.object({
  doc: z.string(),
  ask: z.array(
    z.object({
      q: z.string(),
      gold: z.array(z.number().int().positive()).min(1),
      type: z.enum(['who', 'what', 'when', 'where', 'why', 'how', 'number', 'yes-no', 'said']),
      answer: z.string(),
      byRole: z.boolean().optional(),
    }),
  ),
  offtopic: z.array(z.object({ q: z.string(), plausible: z.boolean() })),
  quote: z.record(z.string(), z.array(z.string())).optional(),
  mentioned_not_quoted: z.array(z.string()).optional(),
});

const splitSchema = z.object({ tuning: z.array(z.string()), heldout: z.array(z.string()) });

/** The project's question bank: `articles/` (one knowledge folder), `questions/<slug>.json`, `split.json`. */
export const QUESTION_BANK = 'test/fixtures/question-bank';

/**
 * The question bank's two parts, each over the whole bank's articles (loaded together, as a server
 * would hold them): `tuning`, on which constants are fitted, and `heldout`, which measures the engine.
 */
export async function loadQuestionBank(dir = QUESTION_BANK): Promise<{ tuning: EvalSet; heldout: EvalSet }> {
  const split = splitSchema.parse(JSON.parse(await readFile(path.join(dir, 'split.json'), 'utf8')));
  const knowledgeDir = path.join(dir, 'articles');
  const part = async (name: string, slugs: readonly string[]): Promise<EvalSet> => {
    const questions: EvalQuestion[] = [];
    for (const slug of slugs) {
      const file = bankFileSchema.parse(
        JSON.parse(await readFile(path.join(dir, 'questions', `${slug}.json`), 'utf8')),
      );
      for (const a of file.ask) {
        questions.push({
          q: a.q,
          type: a.type,
          gold: a.gold.map((paragraph) => ({ doc: file.doc, paragraph })),
          answers: [a.answer],
          ...(a.byRole ? { byRole: true } : {}),
        });
      }
      for (const o of file.offtopic) {
        questions.push({ q: o.q, type: questionType(o.q), gold: [], answers: [], plausible: o.plausible });
      }
    }
    return { name, docs: [...slugs], knowledgeDir, questions };
  };
  return { tuning: await part('tuning', split.tuning), heldout: await part('held-out', split.heldout) };
}

const squadLineSchema = z.object({
  q: z.string(),
  doc: z.string(),
  gold: z.array(z.number().int()),
  answerable: z.boolean(),
  answers: z.array(z.string()),
});

/**
 * A SQuAD-format folder (`knowledge/`, and `questions.json`: an array of question objects), such as
 * SQuAD 2.0's development half converted for this project. Not part of the repository.
 */
export async function loadSquad(dir: string): Promise<EvalSet> {
  const lines = z
    .array(squadLineSchema)
    .parse(JSON.parse(await readFile(path.join(dir, 'questions.json'), 'utf8')));
  const questions = lines.map((s) => ({
    q: s.q,
    type: questionType(s.q),
    gold: s.answerable ? s.gold.map((paragraph) => ({ doc: s.doc, paragraph })) : [],
    answers: s.answers,
    ...(s.answerable ? {} : { plausible: true }),
  }));
  return { name: `SQuAD (${dir})`, knowledgeDir: path.join(dir, 'knowledge'), questions };
}

const legacySchema = z.object({
  ask: z.array(z.object({ q: z.string(), gold: z.array(z.number().int()) })),
  offtopic: z.array(z.string()),
});

/** A question file for one article (`{ask: [{q, gold}], offtopic: [q]}`), about the articles in `knowledgeDir`. */
export async function loadQuestionFile(file: string, knowledgeDir: string): Promise<EvalSet> {
  const data = legacySchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const questions: EvalQuestion[] = [
    ...data.ask.map((a) => ({
      q: a.q,
      type: questionType(a.q),
      gold: a.gold.map((paragraph) => ({ doc: '', paragraph })),
      answers: [],
    })),
    ...data.offtopic.map((q) => ({ q, type: questionType(q), gold: [], answers: [], plausible: false })),
  ];
  return { name: file, knowledgeDir, questions };
}
