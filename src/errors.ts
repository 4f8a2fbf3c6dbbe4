/**
 * An error whose message is meant for the person who caused it (bad question, bad file, not allowed).
 * Front ends show `message` as is; anything that is not a UserError is a bug, logged with its stack.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/** One thing wrong with one knowledge file (or with the folder itself). */
export interface KnowledgeProblem {
  file: string;
  problem: string;
}

/** The knowledge base cannot be loaded; every broken file is listed, so one edit fixes them all. */
export class KnowledgeError extends UserError {
  override name = 'KnowledgeError';
  constructor(readonly problems: KnowledgeProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.problem}`).join('\n'));
  }
}
