import { ensureDefaultModel } from '../src/embedding/default-model.js';

/** Builds the real default embedding model before any test file runs (a few seconds; nothing when current). */
export default async function setup(): Promise<void> {
  await ensureDefaultModel('.cache/models');
}
