import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { startHarness, within } from '../../test/e2e/harness.js';
import { guildMember } from '../../test/e2e/payloads.js';
import { peakRssMb, summarise, type Summary } from './stats.js';

// The load test through Discord: the real bot (createBot, the command modules, discord.js) logged in to
// the test emulator, which plays Discord's side, including its 3-second acknowledgement window. Kept in
// its own module and process because it needs the end-to-end harness from test/e2e and its memory would
// otherwise mix with the engine's figures.

/** One burst of interactions: times in milliseconds from the moment the burst was dispatched. */
export interface BurstResult {
  interactions: number;
  /** Until the last of them was acknowledged (deferred or answered). */
  allAcknowledgedMs: number;
  ack: Summary;
  /** Until the user saw the final answer, per interaction answered. */
  answer: Summary;
  /** Acknowledged too late or never, answered with an error or apology, or never answered. */
  failures: number;
  /** How many failed for each reason. */
  failureReasons: Record<string, number>;
}

/** What `measureDiscordLoad` reports: a burst at a bot that has just started, then one at a warmed-up bot. */
export interface DiscordLoadResult {
  /** The first burst after start-up, before the bot has answered anything. */
  justStarted: BurstResult;
  /** The same burst once the bot has answered one question: the steady state the targets are about. */
  warmedUp: BurstResult;
  peakRssMb: number;
}

/** Settings for one run; `modelCacheDir` should hold a warm vector cache so only serving is measured. */
export interface DiscordLoadOptions {
  knowledgeDir: string;
  modelCacheDir: string;
  questions: readonly string[];
  count: number;
  /** An interaction still unanswered after this long counts as failed. */
  timeoutMs?: number;
}

const DISCORD_ACK_WINDOW_MS = 3000;

type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * Starts the real bot against the emulator, then fires `count` `/ask` interactions at once, from as many
 * different members, twice: straight after start-up, and again once the bot has settled. Declines count
 * as answers; only what a user would see as broken counts as a failure.
 */
export async function measureDiscordLoad(options: DiscordLoadOptions): Promise<DiscordLoadResult> {
  const harness = await startHarness({
    knowledgeDir: options.knowledgeDir,
    // Info, as in production: the harness defaults to debug, whose extra lines would be part of the cost.
    env: () => ({ MODEL_CACHE_DIR: options.modelCacheDir, LOG_LEVEL: 'info' }),
  });
  try {
    const justStarted = await burst(harness, options);
    const warmedUp = await burst(harness, options);
    return { justStarted, warmedUp, peakRssMb: peakRssMb() };
  } finally {
    await harness.close();
  }
}

async function burst(harness: Harness, options: DiscordLoadOptions): Promise<BurstResult> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const started = performance.now();
  const startedAt = Date.now();
  const runs = Array.from({ length: options.count }, (_, i) => {
    const question = options.questions[i % options.questions.length]!;
    const { interaction, outcome } = harness.command('ask', { question }, guildMember());
    const answered = within(outcome, timeoutMs, '/ask').then(
      (result) => ({ result, ms: performance.now() - started }),
      () => ({ timedOut: true as const }),
    );
    return { interaction, answered };
  });

  const failureReasons: Record<string, number> = {};
  const fail = (reason: string) => (failureReasons[reason] = (failureReasons[reason] ?? 0) + 1);
  const ackTimes: number[] = [];
  const answerTimes: number[] = [];
  for (const { interaction, answered } of runs) {
    const settled = await answered;
    const ack = interaction.ack;
    if (ack) ackTimes.push(ack.at - startedAt);
    if ('timedOut' in settled) {
      // The emulator, like Discord, refuses an acknowledgement after 3 s; the user saw "interaction failed".
      fail(ack ? `no answer within ${timeoutMs} ms` : 'never acknowledged (too late for the 3 s window)');
      continue;
    }
    const { result, ms } = settled;
    if (result.ackDelayMs > DISCORD_ACK_WINDOW_MS) fail('acknowledged after 3 s');
    else if (!result.message || result.message.loading) fail('no answer shown');
    else if (result.message.ephemeral) fail('refused or apologised (ephemeral notice)');
    else answerTimes.push(ms);
  }
  const failures = Object.values(failureReasons).reduce((a, b) => a + b, 0);
  return {
    interactions: options.count,
    allAcknowledgedMs: ackTimes.length > 0 ? Math.max(...ackTimes) : Number.NaN,
    ack: summarise(ackTimes.length > 0 ? ackTimes : [Number.NaN]),
    answer: summarise(answerTimes.length > 0 ? answerTimes : [Number.NaN]),
    failures,
    failureReasons,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { spec: { type: 'string' } } });
  if (!values.spec) throw new Error('usage: discord-load --spec spec.json');
  const options = JSON.parse(await readFile(values.spec, 'utf8')) as DiscordLoadOptions;
  console.log(JSON.stringify(await measureDiscordLoad(options)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
