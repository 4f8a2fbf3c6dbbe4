import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openEmbedder } from '../engine/open-library.js';
import type { IndexStats } from '../engine/knowledge-index.js';
import { peakRssMb, summarise, type Summary } from './stats.js';
import { startAndAnswer, type StartupProbeResult } from './start-up.js';

// Run by run-bench in a fresh process per knowledge base, after the start-up probes have filled the
// vector cache: a serving process's latencies, reloads and memory, kept apart from other sizes' peaks.
// Prints one JSON object on standard output.

/** The workload run-bench hands over, as a JSON file named by `--spec`. */
export interface ServeSpec {
  /** Questions to ask, on- and off-topic alike. */
  questions: string[];
  /** Names to look up with `quote`. */
  names: string[];
  /** What users type into the speaker box, for `suggestSpeakers`. */
  prefixes: string[];
  /** An article file to edit (one sentence appended) before the second reload. */
  changeFile: string;
  /** Time allowed for each latency loop; loops also stop at a sample cap. */
  budgetMs: number;
}

/** A reload as the moderator would see it, plus how much text the edited article holds. */
export interface ReloadFigures {
  ms: number;
  embeddedTexts: number;
  changed: string[];
  /** Paragraphs and sentences of the edited article: what "re-embedding only that article" is bounded by. */
  articleTexts?: number;
}

/** Everything one serving process measured. Times in milliseconds. */
export interface ServeProbeResult {
  stats: IndexStats;
  /** This process's own start-up, with a warm vector cache: one more warm-start sample, for free. */
  start: StartupProbeResult;
  ask: Summary;
  /** The bare embedding call for the same questions, interleaved with the asks so both see the same noise. */
  embed: Summary;
  failedAsks: number;
  quote: Summary;
  autocomplete: Summary;
  reloadUnchanged: ReloadFigures;
  reloadChanged: ReloadFigures;
  /** How long the changed reload's evidence file took to save in the background, after the reload. */
  evidenceSaveMs: number;
  /** Peak resident memory while serving and reloading (measured before the comparison embedder loads). */
  peakRssMb: number;
}

const MAX_ASK_SAMPLES = 400;
const MAX_LOOKUP_SAMPLES = 5000;
// A correction of the kind an editor makes: one paragraph of one article changes.
const CORRECTION = ' This paragraph was corrected after publication.';

async function main(): Promise<void> {
  const modulesMs = performance.now();
  const { values } = parseArgs({ options: { spec: { type: 'string' } } });
  if (!values.spec) throw new Error('usage: serve-probe --spec spec.json');
  const spec = JSON.parse(await readFile(values.spec, 'utf8')) as ServeSpec;
  const config = loadConfig();
  // The first question is the one the start-up probe asks, so this process's start-up is a warm-start
  // sample. Then one pass over the rest, so lazy work (JIT, first-use caches) is not counted as latency.
  const [first = 'What happened?', ...rest] = spec.questions;
  const { library, start, failed } = await startAndAnswer(config, first, modulesMs);
  let failedAsks = failed ? 1 : 0;
  for (const q of rest) await library.current.ask(q).catch(() => failedAsks++);

  const quote = timeSync(spec.names, (name) => library.current.quote(name), spec.budgetMs / 4);
  const autocomplete = timeSync(
    spec.prefixes,
    (p) => library.current.suggestSpeakers(p, 25),
    spec.budgetMs / 4,
  );

  // As the bot does a few seconds after start-up, so reloads are measured as a moderator meets them.
  await library.prepareForReloads();
  const unchanged = await library.reload();
  const changedFile = path.basename(spec.changeFile);
  const edited = library.current.articles.find((a) => path.basename(a.file) === changedFile);
  const articleTexts = edited && edited.paragraphs.reduce((n, p) => n + 1 + p.sentences.length, 0);
  const original = await readFile(spec.changeFile, 'utf8');
  await writeFile(spec.changeFile, original.trimEnd() + CORRECTION + '\n');
  const changed = await library.reload();
  // The reload left the evidence file being rewritten in the background, as a reload in the bot does
  // (at 10,000 articles, seconds of serialising): waited for, so the asks below time a bot at rest, and
  // timed, since a moderator's reload costs that much CPU afterwards.
  const saveStarted = performance.now();
  await library.saveEvidence();
  const evidenceSaveMs = performance.now() - saveStarted;
  const servingPeak = peakRssMb();

  // The index keeps its embedder private, so the bare call gets its own instance of the same model.
  const embedder = await openEmbedder(config);
  await embedder.embed(spec.questions);
  const askTimes: number[] = [];
  const embedTimes: number[] = [];
  const deadline = performance.now() + spec.budgetMs;
  for (
    let round = 0;
    askTimes.length < MAX_ASK_SAMPLES && (round === 0 || performance.now() < deadline);
    round++
  ) {
    for (const q of spec.questions) {
      // Alternate which goes first, so neither always runs on a just-warmed cache.
      const pair = [
        async () => embedTimes.push(await timeAsync(() => embedder.embed([q]))),
        async () => {
          try {
            askTimes.push(await timeAsync(() => library.current.ask(q)));
          } catch {
            if (round === 0) failedAsks++;
          }
        },
      ];
      if (round % 2 === 1) pair.reverse();
      for (const run of pair) await run();
    }
  }

  const result: ServeProbeResult = {
    stats: library.current.stats,
    start,
    ask: summarise(askTimes),
    embed: summarise(embedTimes),
    failedAsks,
    quote,
    autocomplete,
    reloadUnchanged: {
      ms: unchanged.durationMs,
      embeddedTexts: unchanged.embeddedTexts,
      changed: unchanged.changed,
    },
    reloadChanged: {
      ms: changed.durationMs,
      embeddedTexts: changed.embeddedTexts,
      changed: changed.changed,
      ...(articleTexts === undefined ? {} : { articleTexts }),
    },
    evidenceSaveMs,
    peakRssMb: servingPeak,
  };
  console.log(JSON.stringify(result));
}

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Times `run` over `inputs` round after round until the budget or the sample cap; errors count as calls. */
function timeSync<T>(inputs: readonly T[], run: (input: T) => unknown, budgetMs: number): Summary {
  const times: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (times.length < MAX_LOOKUP_SAMPLES && (times.length === 0 || performance.now() < deadline)) {
    for (const input of inputs) {
      const started = performance.now();
      try {
        run(input);
      } catch {
        // A UserError for an unusable name is an answer too; its cost is what is being timed.
      }
      times.push(performance.now() - started);
    }
  }
  return summarise(times);
}

await main();
