import type { Config } from '../config.js';
import type { Library } from '../engine/library.js';
import { openLibrary } from '../engine/open-library.js';
import { createLogger } from '../logger.js';
import { peakRssMb } from './stats.js';

/** Start-up to first answer, as one process saw it. Times in milliseconds. */
export interface StartupProbeResult {
  /** From the process's time origin to the first answer: Node boot, module loading, library, first ask. */
  toFirstAnswerMs: number;
  /** From the time origin until the probe's imports had loaded. */
  modulesMs: number;
  openLibraryMs: number;
  firstAskMs: number;
  paragraphs: number;
  sentences: number;
  peakRssMb: number;
}

/**
 * Opens the library as `npm start` does and answers one question, timing each step; `modulesMs` is when
 * the calling probe's imports had loaded.
 */
export async function startAndAnswer(
  config: Config,
  question: string,
  modulesMs: number,
): Promise<{ library: Library; start: StartupProbeResult; failed: boolean }> {
  const opening = performance.now();
  const library = await openLibrary(config, createLogger(config.LOG_LEVEL));
  const opened = performance.now();
  const failed = await library.current.ask(question).then(
    () => false,
    () => true,
  );
  const answered = performance.now();
  const start: StartupProbeResult = {
    toFirstAnswerMs: answered,
    modulesMs,
    openLibraryMs: opened - opening,
    firstAskMs: answered - opened,
    paragraphs: library.current.stats.paragraphs,
    sentences: library.current.stats.sentences,
    peakRssMb: peakRssMb(),
  };
  return { library, start, failed };
}
