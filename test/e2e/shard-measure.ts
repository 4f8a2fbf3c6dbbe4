/**
 * Measures the sharded bot against the emulated Discord (not a test: figures, printed as JSON):
 * `npx tsx test/e2e/shard-measure.ts [shards=4] [questions=200]`. Starts `npm start` with SHARD_COUNT
 * over a scratch copy of the seed knowledge and its own cache folder, then reports each shard's start
 * (fork to gateway ready, from the shared caches the manager built), how long a /reload took to reach
 * every shard, and the acknowledgement times of concurrent /ask spread over the shards.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { botEnv } from './bot-processes.js';
import { DiscordEmulator } from './discord-emulator.js';
import { copyKnowledge, TEST_TOKEN } from './harness.js';
import { chatInputInteraction, guildMember, MODERATOR_PERMISSIONS, stringOption } from './payloads.js';

const shards = Number(process.argv[2] ?? 4);
const questions = Number(process.argv[3] ?? 200);
const HEALTH_PORT = 18_000 + Math.floor(Math.random() * 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const emulator = await DiscordEmulator.start({ token: TEST_TOKEN, recommendedShards: shards });
const knowledge = await copyKnowledge();
const cacheDir = await mkdtemp(path.join(tmpdir(), 'shard-measure-'));
await cp(path.resolve('.cache/models'), path.join(cacheDir, 'models'), { recursive: true });
const child = spawn('npm', ['run', '--silent', 'start'], {
  env: botEnv(emulator, {
    SHARD_COUNT: 'auto',
    HEALTH_PORT: String(HEALTH_PORT),
    KNOWLEDGE_DIR: knowledge.dir,
    MODEL_CACHE_DIR: cacheDir,
    ASK_COOLDOWN_SECONDS: '0',
    KNOWLEDGE_GUILD_IDS: emulator.world.guildId,
  }),
  stdio: ['ignore', 'ignore', 'pipe'],
  detached: true,
});
let stderr = '';
child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
const logs = () =>
  stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
type Health = { healthy: boolean; shards: { version: string | null }[] };
const health = async () =>
  (await fetch(`http://127.0.0.1:${HEALTH_PORT}/healthz`)
    .then((r) => r.json())
    .catch(() => undefined)) as Health | undefined;

try {
  const started = Date.now();
  while (!(await health())?.healthy) {
    if (Date.now() - started > 300_000) throw new Error(`not healthy after 300 s:\n${stderr}`);
    await sleep(100);
  }
  const shardStarts = logs()
    .filter((l) => l.msg === 'shard ready')
    .map((l) => ({ shard: l.shard, ms: l.ms }));
  if (process.env.VERBOSE)
    for (const l of logs()) console.error(Number(l.time) - started, l.shard ?? 'manager', l.msg, l.ms ?? '');
  const warmUpMs = logs().find((l) => l.msg === 'shared caches ready: starting the shards')?.ms;

  // A reload on the last shard, timed until every shard reports the new version.
  const before = (await health())!.shards[0]!.version;
  await copyFile(
    path.resolve('test/fixtures/two-articles/harbour-reopens.md'),
    path.join(knowledge.dir, 'harbour-reopens.md'),
  );
  const reloadAt = Date.now();
  const reload = emulator.dispatchInteraction(
    chatInputInteraction(emulator.world, {
      commandId: emulator.commandId('reload'),
      name: 'reload',
      member: guildMember({ permissions: MODERATOR_PERMISSIONS }),
    }),
    { shard: shards - 1 },
  );
  let everyShardMs: number | undefined;
  while (everyShardMs === undefined) {
    const now = await health();
    const versions = new Set(now?.shards.map((s) => s.version));
    if (versions.size === 1 && !versions.has(before)) everyShardMs = Date.now() - reloadAt;
    else await sleep(20);
  }
  await reload.outcome;
  const reloads = logs().filter((l) => l.msg === 'knowledge index reloaded');
  const leaderDone = Number(reloads.find((l) => l.shard === shards - 1)?.time);
  const followersDone = Math.max(...reloads.map((l) => Number(l.time)));

  // Concurrent questions, spread round-robin over the shards.
  const asked = Array.from({ length: questions }, (_, i) =>
    emulator.dispatchInteraction(
      chatInputInteraction(emulator.world, {
        commandId: emulator.commandId('ask'),
        name: 'ask',
        options: [stringOption('question', i % 2 ? 'What did Spicer say?' : 'Who is Sarah Margon?')],
      }),
      { shard: i % shards },
    ),
  );
  const outcomes = await Promise.all(asked.map((i) => i.outcome));
  const acks = outcomes.map((o) => o.ackDelayMs).sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        shards,
        managerWarmUpMs: warmUpMs,
        shardStartMs: shardStarts,
        reload: {
          dispatchToEveryShardMs: everyShardMs,
          leaderReloadedToLastFollowerMs: followersDone - leaderDone,
        },
        ask: {
          questions,
          acknowledged: outcomes.filter((o) => o.ackDelayMs < 3000).length,
          ackMs: { p50: acks[Math.floor(acks.length / 2)], max: acks.at(-1) },
        },
      },
      null,
      2,
    ),
  );
} finally {
  const exited = once(child, 'exit');
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  await emulator.close();
  await knowledge.remove();
  await rm(cacheDir, { recursive: true, force: true });
}
