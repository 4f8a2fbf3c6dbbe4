import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayOpcodes } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DiscordEmulator, type InteractionOutcome } from './discord-emulator.js';
import { botEnv } from './bot-processes.js';
import { copyKnowledge, E2E, TEST_TOKEN, within } from './harness.js';
import { chatInputInteraction, moderator, stringOption } from './payloads.js';

// `npm start` sharded, as an operator runs it: the manager and its shard processes are real processes
// (discord.js's ShardingManager forking the bot), each shard a real discord.js client with its own gateway
// session on the emulated Discord, all reading one knowledge folder and one cache folder.

const SECOND_ARTICLE = path.resolve('test/fixtures/two-articles/harbour-reopens.md');

let emulator: DiscordEmulator;
const groups: ChildProcess[] = [];
const scratch: (() => Promise<void>)[] = [];

beforeAll(async () => {
  emulator = await DiscordEmulator.start({ token: TEST_TOKEN, recommendedShards: 2 });
});
afterEach(async () => {
  // The manager's whole process group: its shards too, whatever the test's outcome.
  for (const child of groups.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    }
  }
  for (const remove of scratch.splice(0)) await remove();
});
afterAll(async () => {
  await emulator?.close();
});

/** A knowledge folder and a cache folder of this test's own (the model copied in, so it is not rebuilt). */
async function sharedStorage(): Promise<{ knowledgeDir: string; cacheDir: string }> {
  const knowledge = await copyKnowledge();
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'shard-cache-'));
  await cp(path.resolve('.cache/models'), path.join(cacheDir, 'models'), { recursive: true });
  scratch.push(
    () => knowledge.remove(),
    () => rm(cacheDir, { recursive: true, force: true }),
  );
  return { knowledgeDir: knowledge.dir, cacheDir };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Manager {
  child: ChildProcess;
  healthPort: number;
  /** Every JSON log line so far, the shards' included (they write to the same standard error). */
  logs(): Record<string, unknown>[];
  done: Promise<{ code: number | null }>;
}

/** `npm start` in a process group of its own, with `env` on top of the bot's test settings. */
async function startManager(env: Record<string, string>): Promise<Manager> {
  const healthPort = await freePort();
  const child = spawn('npm', ['run', '--silent', 'start'], {
    env: botEnv(emulator, { HEALTH_PORT: String(healthPort), ASK_COOLDOWN_SECONDS: '0', ...env }),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  groups.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = once(child, 'exit').then(([code]) => ({ code: code as number | null }));
  const logs = () =>
    stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, healthPort, logs, done };
}

interface Health {
  status: number;
  body: {
    healthy: boolean;
    version: string | null;
    shards: { id: number; ready: boolean; version: string }[];
  };
}

async function health(manager: Manager): Promise<Health | undefined> {
  const response = await fetch(`http://127.0.0.1:${manager.healthPort}/healthz`).catch(() => undefined);
  if (!response) return undefined;
  return { status: response.status, body: (await response.json()) as Health['body'] };
}

/** Waits until the manager's /healthz answers 200, and returns what it said. */
async function healthy(manager: Manager, timeout = 120_000): Promise<Health> {
  await expect.poll(async () => (await health(manager))?.status, { timeout, interval: 250 }).toBe(200);
  return (await health(manager))!;
}

function ask(question: string, shard: number): Promise<InteractionOutcome> {
  return emulator.dispatchInteraction(
    chatInputInteraction(emulator.world, {
      commandId: emulator.commandId('ask'),
      name: 'ask',
      options: [stringOption('question', question)],
    }),
    { shard },
  ).outcome;
}

function reload(shard: number): Promise<InteractionOutcome> {
  return emulator.dispatchInteraction(
    chatInputInteraction(emulator.world, {
      commandId: emulator.commandId('reload'),
      name: 'reload',
      member: moderator(),
    }),
    { shard },
  ).outcome;
}

const textOf = (outcome: InteractionOutcome) =>
  JSON.stringify(outcome.message?.embeds ?? outcome.message?.content);

describe('npm start with SHARD_COUNT', E2E, () => {
  test('runs one process per shard, each with its own session, all warm from caches the manager built, answering alike', async () => {
    const { knowledgeDir, cacheDir } = await sharedStorage();
    const sessionsBefore = emulator.sessions.length;
    // `auto`: the manager asks (the emulated) Discord, which recommends 2.
    const manager = await startManager({
      SHARD_COUNT: 'auto',
      KNOWLEDGE_DIR: knowledgeDir,
      MODEL_CACHE_DIR: cacheDir,
      KNOWLEDGE_GUILD_IDS: emulator.world.guildId,
    });
    const { body } = await healthy(manager);
    expect(body.shards.map((s) => [s.id, s.ready])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(body.version).toMatch(/^[0-9a-f]{12}$/);
    expect(body.shards.every((s) => s.version === body.version)).toBe(true);

    // Each shard identified itself as discord.js's ShardingManager told it.
    const identifies = emulator.gatewayFrames
      .filter((f) => f.direction === 'received' && f.op === GatewayOpcodes.Identify)
      .map((f) => (f.d as { shard: [number, number] }).shard);
    expect(identifies.slice(-2).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(emulator.sessions.slice(sessionsBefore).map((s) => s.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const shardProcesses = manager.logs().filter((l) => l.msg === 'knowledge index loaded');
    expect(shardProcesses.map((l) => l.shard).sort()).toEqual([0, 1]);
    expect(new Set(shardProcesses.map((l) => l.pid)).size).toBe(2);
    expect(shardProcesses.every((l) => l.version === body.version)).toBe(true);

    // The manager built the caches; no shard wrote to them (the vector cache is rewritten whenever
    // anything is embedded, the quote analyses whenever an article was analysed).
    const builtAt = Number(
      manager.logs().find((l) => l.msg === 'shared caches ready: starting the shards')?.time,
    );
    const firstShardAt = Math.min(...shardProcesses.map((l) => Number(l.time)));
    const written = await Promise.all(
      [path.join(cacheDir, 'vectors'), path.join(cacheDir, 'quote-analyses')].map(async (dir) => {
        const files = await readdir(dir, { recursive: true, withFileTypes: true });
        const mtimes = await Promise.all(
          files
            .filter((f) => f.isFile())
            .map(async (f) => (await stat(path.join(f.parentPath, f.name))).mtimeMs),
        );
        return Math.max(...mtimes);
      }),
    );
    expect(Number.isFinite(builtAt)).toBe(true);
    for (const mtime of written) expect(mtime).toBeLessThan(firstShardAt);

    // The same question through each shard: each answers, alike.
    const answers = await within(
      Promise.all([ask('What did Spicer say?', 0), ask('What did Spicer say?', 1)]),
      30_000,
      '/ask on both shards',
    );
    for (const outcome of answers) {
      expect(outcome.ackDelayMs).toBeLessThan(3000);
      expect(textOf(outcome)).toContain('conditions are not there right now');
    }
    // Each shard logs its answer just after sending it.
    const answeredBy = () =>
      manager
        .logs()
        .filter((l) => l.msg === 'command answered' && l.command === 'ask')
        .map((l) => l.shard)
        .sort();
    await expect.poll(answeredBy).toEqual([0, 1]);

    // A /reload on shard 1 reaches shard 0: both answer from the new article, on the same version.
    await copyFile(SECOND_ARTICLE, path.join(knowledgeDir, 'harbour-reopens.md'));
    const reloaded = await within(reload(1), 60_000, '/reload');
    expect(textOf(reloaded)).toContain('harbour-reopens');
    const after = (await health(manager))!;
    expect(after.body.version).not.toBe(body.version);
    expect(after.body.shards.map((s) => s.version)).toEqual([after.body.version, after.body.version]);
    const followed = await within(
      ask('How much did the harbour repairs cost?', 0),
      30_000,
      '/ask on shard 0',
    );
    expect(textOf(followed)).toContain('£2 million');
    // Shard 1 embedded the new article; shard 0 read its vectors from the cache.
    const reloads = manager.logs().filter((l) => l.msg === 'knowledge index reloaded');
    const embedded = (shard: number) =>
      reloads
        .filter((l) => l.shard === shard)
        .map((l) => (l.reload as { embeddedTexts: number }).embeddedTexts);
    expect(embedded(1)).toEqual([expect.any(Number)]);
    expect(embedded(1)[0]).toBeGreaterThan(0);
    expect(embedded(0)).toEqual([0]);
    expect(manager.logs().find((l) => l.msg === 'knowledge change reached every shard')).toMatchObject({
      shard: 1,
      version: after.body.version,
    });

    // SIGTERM to the group (as systemd or Ctrl-C): every shard stops cleanly, then the manager.
    process.kill(-manager.child.pid!, 'SIGTERM');
    const { code } = await within(manager.done, 30_000, 'shutdown');
    expect(code).toBe(0);
    expect(
      manager
        .logs()
        .filter((l) => l.msg === 'stopped')
        .map((l) => l.shard ?? 'manager')
        .sort(),
    ).toEqual([0, 1, 'manager']);
  });

  test('two machines (SHARD_LIST 0,1 and 2,3 of TOTAL_SHARDS 4) share one folder: a reload on one reaches the other through the change stamp', async () => {
    const { knowledgeDir, cacheDir } = await sharedStorage();
    const env = {
      KNOWLEDGE_DIR: knowledgeDir,
      MODEL_CACHE_DIR: cacheDir,
      TOTAL_SHARDS: '4',
      KNOWLEDGE_GUILD_IDS: emulator.world.guildId,
    };
    const sessionsBefore = emulator.sessions.length;
    // Started together, on a cold vector cache: the build lock makes one build and the other wait.
    const [first, second] = await Promise.all([
      startManager({ ...env, SHARD_LIST: '0,1' }),
      startManager({ ...env, SHARD_LIST: '2,3' }),
    ]);
    const [a, b] = await Promise.all([healthy(first), healthy(second)]);
    expect(a.body.shards.map((s) => s.id)).toEqual([0, 1]);
    expect(b.body.shards.map((s) => s.id)).toEqual([2, 3]);
    expect(b.body.version).toBe(a.body.version);
    const sessions = emulator.sessions.slice(sessionsBefore).map((session) => session.shard);
    expect(sessions.sort()).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);

    await copyFile(SECOND_ARTICLE, path.join(knowledgeDir, 'harbour-reopens.md'));
    const reloaded = await within(reload(3), 60_000, '/reload on shard 3');
    expect(textOf(reloaded)).toContain('harbour-reopens');
    const version = (await health(second))!.body.version;
    expect(version).not.toBe(a.body.version);
    // The other machine polls the stamp every second; its shards follow within seconds.
    await expect
      .poll(async () => (await health(first))?.body.shards.map((s) => s.version), {
        timeout: 15_000,
        interval: 200,
      })
      .toEqual([version, version]);
    expect(
      first.logs().find((l) => l.msg === 'knowledge changed on another machine: reloading every shard'),
    ).toBeDefined();
    const answer = await within(ask('How much did the harbour repairs cost?', 0), 30_000, '/ask on shard 0');
    expect(textOf(answer)).toContain('£2 million');
    // Nothing was embedded again on the first machine: its shards read what shard 3 saved.
    const embedded = first
      .logs()
      .filter((l) => l.msg === 'knowledge index reloaded')
      .map((l) => (l.reload as { embeddedTexts: number }).embeddedTexts);
    expect(embedded).toEqual([0, 0]);
  });
});
