import { once } from 'node:events';
import { hostname } from 'node:os';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import type { Logger } from 'pino';
import type { Config, ShardPlan } from '../config.js';
import { withBuildLock } from '../engine/build-lock.js';
import { changeStampFile, watchChangeStamp, writeChangeStamp } from '../engine/change-stamp.js';
import { openLibrary } from '../engine/open-library.js';
import { startHealthServer, type HealthServer } from './health.js';
import { asShardMessage, type ShardState } from './shard-messages.js';

/**
 * How long one shard may take from its fork to its gateway session (discord.js's default is 30 s). A shard
 * starts warm (the manager built the caches), in a few seconds; the margin is for a loaded machine.
 */
const SHARD_READY_TIMEOUT_MS = 120_000;
/** How long the manager waits for every shard to report the version a change produced. */
const SYNC_TIMEOUT_MS = 20_000;
/** Beyond the shards' grace period for answers in flight, how long they may take to exit. */
const EXIT_MARGIN_MS = 7_000;

/** This process, as named in the change stamps it writes. */
const ORIGIN = `${hostname()}:${process.pid}`;

/**
 * `npm start` with SHARD_COUNT, or SHARD_LIST and TOTAL_SHARDS: this process runs no bot itself but
 * discord.js's ShardingManager, one process per shard (each running `file`, main.ts, which sees it is a
 * shard). Before spawning any, it loads the knowledge once under the cache folder's build lock, which
 * embeds and analyses whatever the caches lack and saves it: every shard then starts from warm caches and
 * computes nothing. It relays changes (a shard's `/reload` reaches the others, and other machines through
 * the change stamp it writes and watches), serves `/healthz` for all its shards, and on SIGTERM/SIGINT
 * stops them (each finishing its answers in flight) before exiting.
 */
export async function runShardManager({
  config,
  plan,
  token,
  file,
  logger,
}: {
  config: Config;
  plan: ShardPlan;
  token: string;
  file: string;
  logger: Logger;
}): Promise<void> {
  const started = performance.now();
  const totalShards =
    plan.totalShards === 'auto' ? await recommendedShardCount(config, token) : plan.totalShards;
  const shardList = plan.shardList === 'auto' ? [...Array(totalShards).keys()] : plan.shardList;

  const version = await withBuildLock(config.MODEL_CACHE_DIR, logger, async () => {
    const library = await openLibrary(config, logger);
    return library.version;
  });
  logger.info(
    { version, ms: Math.round(performance.now() - started) },
    'shared caches ready: starting the shards',
  );

  const states = new Map<number, ShardState>(
    shardList.map((id) => [id, { id, alive: false, ready: false, version: null }]),
  );
  const snapshot = () => [...states.values()].map((s) => ({ ...s }));
  const manager = new ShardingManager(file, {
    totalShards,
    shardList,
    token,
    mode: 'process',
    // The shards run as this process does (under tsx with `npm start`).
    execArgv: process.execArgv,
  });
  const stampFile = changeStampFile(config.MODEL_CACHE_DIR, config.KNOWLEDGE_DIR);
  let stopping = false;

  /** Has every shard but `except` reload, and resolves once all report `version` or the wait ran out. */
  const reloadShards = async (version: string, except?: number) => {
    for (const shard of manager.shards.values()) {
      // A shard without a process is being respawned, and reads the folder as it starts.
      if (shard.id !== except && shard.process)
        await shard.send({ kind: 'news-bot:reload' }).catch(() => undefined);
    }
    const deadline = Date.now() + SYNC_TIMEOUT_MS;
    while (Date.now() < deadline && [...states.values()].some((s) => s.version !== version))
      await new Promise((resolve) => setTimeout(resolve, 100));
    return snapshot();
  };

  const onShardMessage = async (shard: Shard, raw: unknown) => {
    const message = asShardMessage(raw);
    if (message?.kind === 'news-bot:status') {
      states.set(shard.id, { id: shard.id, alive: true, ready: message.ready, version: message.version });
      return;
    }
    if (message?.kind !== 'news-bot:changed') return;
    logger.info(
      { shard: shard.id, version: message.version },
      'knowledge changed on a shard: reloading the others',
    );
    // The stamp first: other machines start reloading while this one's shards do.
    await writeChangeStamp(stampFile, {
      version: message.version,
      origin: ORIGIN,
      at: new Date().toISOString(),
    }).catch((err: unknown) =>
      logger.error(
        { err, file: stampFile },
        'could not write the change stamp: other machines will not reload',
      ),
    );
    const shards = await reloadShards(message.version, shard.id);
    await shard.send({ kind: 'news-bot:synced', request: message.request, shards }).catch(() => undefined);
  };

  manager.on('shardCreate', (shard) => {
    const spawnedAt = performance.now();
    shard.on('spawn', () => states.set(shard.id, { ...states.get(shard.id)!, alive: true, ready: false }));
    shard.on('ready', () =>
      logger.info({ shard: shard.id, ms: Math.round(performance.now() - spawnedAt) }, 'shard ready'),
    );
    shard.on('death', (child) => {
      states.set(shard.id, { ...states.get(shard.id)!, alive: false, ready: false });
      const code = 'exitCode' in child ? child.exitCode : undefined;
      if (!stopping)
        logger.error({ shard: shard.id, code }, 'shard process exited; discord.js starts it again');
    });
    shard.on('message', (message: unknown) => void onShardMessage(shard, message));
  });

  const watcher = watchChangeStamp(
    stampFile,
    async (stamp) => {
      if (stamp.origin === ORIGIN) return;
      if ([...states.values()].every((s) => s.version === stamp.version)) return;
      logger.info({ stamp }, 'knowledge changed on another machine: reloading every shard');
      const shards = await reloadShards(stamp.version);
      logger.info(
        { version: stamp.version, shards },
        'knowledge change from another machine reached every shard',
      );
    },
    { logger },
  );

  let health: HealthServer | undefined;
  const healthy = () => [...states.values()].every((s) => s.alive && s.ready);
  if (config.HEALTH_PORT !== undefined) {
    health = await startHealthServer({
      port: config.HEALTH_PORT,
      host: config.HEALTH_HOST,
      isHealthy: healthy,
      detail: () => {
        const versions = new Set([...states.values()].map((s) => s.version));
        return { version: versions.size === 1 ? [...versions][0] : null, totalShards, shards: snapshot() };
      },
      logger,
    });
  }

  const stop = (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: stopping every shard');
    manager.respawn = false;
    watcher.close();
    setTimeout(
      () => {
        logger.error('shards took too long to stop; exiting');
        process.exit(1);
      },
      config.SHUTDOWN_GRACE_SECONDS * 1000 + EXIT_MARGIN_MS,
    ).unref();
    // Each shard stops as on its own SIGTERM: no new questions, the ones in flight answered.
    const exits: Promise<unknown>[] = [];
    for (const shard of manager.shards.values()) {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      exits.push(once(child, 'exit'));
      child.kill('SIGTERM');
    }
    void Promise.all(exits)
      .then(() => health?.close())
      .then(() => {
        logger.info('stopped');
        process.exit(code);
      });
  };
  process.on('SIGINT', (signal) => stop(signal));
  process.on('SIGTERM', (signal) => stop(signal));

  try {
    await manager.spawn({ timeout: SHARD_READY_TIMEOUT_MS });
  } catch (err) {
    // A shard that cannot start (a bad token, Discord refusing) would be respawned in a loop: stop all.
    logger.fatal({ err }, 'a shard could not start');
    stop('spawn failed', 1);
    return;
  }
  logger.info(
    { shards: shardList, totalShards, version, ms: Math.round(performance.now() - started) },
    'every shard ready',
  );
}

/** Discord's recommended shard count (`SHARD_COUNT=auto`), asked of DISCORD_API_URL when it is set. */
async function recommendedShardCount(
  config: Pick<Config, 'DISCORD_API_URL'>,
  token: string,
): Promise<number> {
  // discord.js's own `auto` always asks discord.com; a proxy or the test emulator must be asked instead.
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(token);
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}
