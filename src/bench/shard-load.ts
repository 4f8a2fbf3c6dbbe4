import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { botEnv } from '../../test/e2e/bot-processes.js';
import { DiscordEmulator } from '../../test/e2e/discord-emulator.js';
import { TEST_TOKEN, within } from '../../test/e2e/harness.js';
import {
  chatInputInteraction,
  guildMember,
  MODERATOR_PERMISSIONS,
  stringOption,
} from '../../test/e2e/payloads.js';
import { summarise, type Summary } from './stats.js';

// The sharded bot measured through Discord: `npm start`'s compiled bot (dist/, which the bench builds)
// with SHARD_COUNT, logged in to the test emulator. The manager warms the shared caches, then forks one
// process per shard; each shard's start, a /reload reaching every shard, and a burst of /ask spread over
// the shards are timed. Its own process, like discord-load, because it needs the end-to-end emulator.

/** The workload run-bench hands over. `modelCacheDir` should hold warm caches for `knowledgeDir`. */
export interface ShardLoadOptions {
  knowledgeDir: string;
  modelCacheDir: string;
  shards: number;
  questions: readonly string[];
  count: number;
  /** An article file not in the folder, added before the first /reload, removed before the second. */
  newArticle: string;
}

/** Times in milliseconds. */
export interface ShardLoadResult {
  shards: number;
  articles: number;
  /** The manager's own load of the knowledge (warm caches: reading them), before any shard starts. */
  managerWarmUpMs: number;
  /** Each shard's start: from its fork to its gateway session being ready with the index loaded. */
  shardStartMs: number[];
  /**
   * From the moderator's /reload on the last shard until every shard's health reports the new version,
   * for each of three changes in turn: the article added, removed, added again.
   */
  reloadToEveryShardMs: number[];
  /** A burst of concurrent /ask, round-robin over the shards. */
  ask: {
    questions: number;
    acknowledgedInTime: number;
    ack: Summary;
    /** Until the last was acknowledged; null when some never were. */
    allAcknowledgedMs: number | null;
  };
}

const DISCORD_ACK_WINDOW_MS = 3000;
// A single reload's time moves by a second with the machine's load: three are timed (see `newArticle`).
const RELOADS = 3;
const START_TIMEOUT_MS = 600_000;
const RELOAD_TIMEOUT_MS = 120_000;
const ASK_TIMEOUT_MS = 60_000;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const BOT = path.join(HERE, '..', '..', 'dist', 'src', 'bot', 'main.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Health = { healthy: boolean; shards: { version: string | null }[] };

export async function measureShardLoad(options: ShardLoadOptions): Promise<ShardLoadResult> {
  const emulator = await DiscordEmulator.start({ token: TEST_TOKEN, recommendedShards: options.shards });
  const healthPort = 18_000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, [BOT], {
    env: botEnv(emulator, {
      KNOWLEDGE_DIR: options.knowledgeDir,
      MODEL_CACHE_DIR: options.modelCacheDir,
      SHARD_COUNT: String(options.shards),
      HEALTH_PORT: String(healthPort),
      ASK_COOLDOWN_SECONDS: '0',
      KNOWLEDGE_GUILD_IDS: emulator.world.guildId,
    }),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const logs = () =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const health = async () =>
    (await fetch(`http://127.0.0.1:${healthPort}/healthz`)
      .then((r) => r.json())
      .catch(() => undefined)) as Health | undefined;
  const waitFor = async (done: () => Promise<boolean>, limitMs: number, what: string) => {
    const started = Date.now();
    while (!(await done())) {
      if (child.exitCode !== null) throw new Error(`the bot exited while ${what}:\n${stderr.slice(-3000)}`);
      if (Date.now() - started > limitMs)
        throw new Error(`not ${what} after ${limitMs} ms:\n${stderr.slice(-3000)}`);
      await sleep(20);
    }
  };

  try {
    await waitFor(async () => (await health())?.healthy === true, START_TIMEOUT_MS, 'healthy');
    const warmUp = logs().find((l) => l.msg === 'shared caches ready: starting the shards');
    const loaded = logs().find((l) => l.msg === 'knowledge index loaded');
    const shardStartMs = logs()
      .filter((l) => l.msg === 'shard ready')
      .map((l) => Number(l.ms));

    // As a moderator meets a reload: after the shards loaded what a reload needs, a few seconds after start.
    await waitFor(
      () => Promise.resolve(logs().filter((l) => l.msg === 'ready for reloads').length >= options.shards),
      START_TIMEOUT_MS,
      'ready for reloads',
    );
    const added = path.join(options.knowledgeDir, path.basename(options.newArticle));
    const reloadToEveryShardMs: number[] = [];
    for (let i = 0; i < RELOADS; i++) {
      const before = (await health())!.shards[0]!.version;
      if (i % 2 === 0) await copyFile(options.newArticle, added);
      else await rm(added);
      const reloadAt = performance.now();
      const reload = emulator.dispatchInteraction(
        chatInputInteraction(emulator.world, {
          commandId: emulator.commandId('reload'),
          name: 'reload',
          member: guildMember({ permissions: MODERATOR_PERMISSIONS }),
        }),
        { shard: options.shards - 1 },
      );
      await waitFor(
        async () => {
          const versions = new Set((await health())?.shards.map((s) => s.version));
          return versions.size === 1 && !versions.has(before);
        },
        RELOAD_TIMEOUT_MS,
        'reloaded on every shard',
      );
      reloadToEveryShardMs.push(performance.now() - reloadAt);
      await within(reload.outcome, RELOAD_TIMEOUT_MS, '/reload');
    }

    const asked = Array.from({ length: options.count }, (_, i) =>
      emulator.dispatchInteraction(
        chatInputInteraction(emulator.world, {
          commandId: emulator.commandId('ask'),
          name: 'ask',
          options: [stringOption('question', options.questions[i % options.questions.length]!)],
        }),
        { shard: i % options.shards },
      ),
    );
    const acks = await Promise.all(
      asked.map((i) =>
        within(i.outcome, ASK_TIMEOUT_MS, '/ask').then(
          (o) => o.ackDelayMs,
          () => Number.POSITIVE_INFINITY,
        ),
      ),
    );
    return {
      shards: options.shards,
      articles: (loaded?.index as { articles?: number } | undefined)?.articles ?? Number.NaN,
      managerWarmUpMs: Number(warmUp?.ms ?? Number.NaN),
      shardStartMs,
      reloadToEveryShardMs,
      ask: {
        questions: options.count,
        acknowledgedInTime: acks.filter((ms) => ms <= DISCORD_ACK_WINDOW_MS).length,
        ack: summarise(acks.filter(Number.isFinite)),
        allAcknowledgedMs: acks.every(Number.isFinite) ? Math.max(...acks) : null,
      },
    };
  } finally {
    const exited = once(child, 'exit');
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await emulator.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { spec: { type: 'string' } } });
  if (!values.spec) throw new Error('usage: shard-load --spec spec.json');
  const options = JSON.parse(await readFile(values.spec, 'utf8')) as ShardLoadOptions;
  console.log(JSON.stringify(await measureShardLoad(options)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
