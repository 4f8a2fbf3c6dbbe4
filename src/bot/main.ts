/**
 * `npm start`: the Discord bot. Loads config and the commands, connects while it builds the knowledge
 * index (members asking meanwhile are told it is still indexing), and shuts down cleanly on
 * SIGINT/SIGTERM. With SHARD_COUNT (or SHARD_LIST and TOTAL_SHARDS) it runs the sharding manager
 * instead, which runs this same file once per shard.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, requireDiscordSettings, shardPlan } from '../config.js';
import type { Library } from '../engine/library.js';
import { openLibrary } from '../engine/open-library.js';
import { KnowledgeError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { createBot, type Bot } from './create-bot.js';
import { startHealthServer, type HealthServer } from './health.js';
import { CommandLoadError, loadCommands } from './load-commands.js';
import { PendingLibrary } from './pending-library.js';
import { connectShard, type ShardLink } from './shard-link.js';
import { runShardManager } from './shard-manager.js';
import { sharedLibrary } from './shared-library.js';

/** Beyond the grace period for answers in flight, how long closing the gateway may take. */
const CLOSE_MS = 5_000;
/**
 * Signals this close together are one request to stop: Ctrl-C in a terminal and systemd signal the
 * whole process group, so the bot gets the signal from them and again from npm passing it on.
 */
const SAME_SIGNAL_MS = 2_000;
/** When to prepare for reloads: after the first questions, which come as soon as the bot is online. */
const PREPARE_FOR_RELOADS_AFTER_MS = 5_000;

/**
 * The shard this process is, when discord.js's ShardingManager forked it: the manager sets
 * SHARDING_MANAGER and SHARDS (the shard id) in the child's environment, and discord.js's Client reads
 * them (and SHARD_COUNT) to identify as that shard. Not a setting of ours, so not in the config.
 */
function shardOfThisProcess(): number | undefined {
  return process.env.SHARDING_MANAGER === 'true' ? Number(process.env.SHARDS) : undefined;
}

async function main(rootLogger: Logger): Promise<void> {
  const config = loadConfig();
  rootLogger.level = config.LOG_LEVEL;
  const { token } = requireDiscordSettings(config);
  const shard = shardOfThisProcess();
  const plan = shardPlan(config);
  if (shard === undefined && plan) {
    await runShardManager({ config, plan, token, file: fileURLToPath(import.meta.url), logger: rootLogger });
    return;
  }
  // Every line a shard logs says which shard it is.
  const logger = shard === undefined ? rootLogger : rootLogger.child({ shard });

  const commands = await loadCommands();
  const opening = openLibrary(config, logger);
  // Awaited below; marked handled now so a broken file found before login is not an unhandled rejection.
  opening.catch(() => undefined);
  // A shard starts from caches its manager has just filled, in seconds: it opens the library before
  // logging in. A lone bot may face a first start of a minute or more (embedding and tagging a whole
  // archive): it logs in at once and, until the index is built, tells members it is still indexing.
  const library = shard === undefined ? undefined : await opening;
  if (library) logLoaded(logger, library, commands);
  const pending = new PendingLibrary();

  // The link reports the bot's readiness, and the bot's commands reload through the link: the bot is
  // made second, and the link reads its readiness through this once it exists.
  let isReady = () => false;
  const link = library ? connectShard({ library, isReady: () => isReady(), logger }) : undefined;
  const bot = createBot({
    config,
    logger,
    library:
      library && link ? sharedLibrary(library, { cacheDir: config.MODEL_CACHE_DIR, link, logger }) : pending,
    commands,
  });
  isReady = () => bot.isReady();
  let health: HealthServer | undefined;
  // A shard's health is served by its manager, for all of them (each shard would want the same port).
  if (config.HEALTH_PORT !== undefined && shard === undefined) {
    health = await startHealthServer({
      port: config.HEALTH_PORT,
      host: config.HEALTH_HOST,
      isHealthy: () => pending.ready && bot.isReady(),
      notReady: () => (pending.ready ? 'not ready' : 'starting'),
      logger,
    });
  }
  installShutdown(bot, health, logger, config.SHUTDOWN_GRACE_SECONDS * 1000, link);
  await bot.start(token);
  link?.report();
  let opened = library;
  if (!opened) {
    try {
      opened = await opening;
    } catch (err) {
      // A broken knowledge file on start-up: nothing to answer from, so the bot goes offline again.
      await Promise.allSettled([bot.stop(), health?.close()]);
      throw err;
    }
    pending.open(opened);
    logLoaded(logger, opened, commands);
  }
  const ready = opened;
  setTimeout(() => {
    ready.prepareForReloads().then(
      () => logger.info('ready for reloads'),
      (err: unknown) => logger.warn({ err }, 'could not prepare for reloads'),
    );
  }, PREPARE_FOR_RELOADS_AFTER_MS).unref();
}

function logLoaded(logger: Logger, library: Library, commands: ReadonlyMap<string, unknown>): void {
  logger.info(
    { index: library.current.stats, version: library.version, commands: [...commands.keys()] },
    'knowledge index loaded',
  );
}

function installShutdown(
  bot: Bot,
  health: HealthServer | undefined,
  logger: Logger,
  graceMs: number,
  link?: ShardLink,
): void {
  let stoppingSince: number | undefined;
  const shutdown = (signal: NodeJS.Signals | 'uncaughtException' | 'manager gone', code = 0) => {
    if (stoppingSince !== undefined) {
      if (Date.now() - stoppingSince < SAME_SIGNAL_MS) return;
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info({ signal, graceSeconds: graceMs / 1000 }, 'shutting down: finishing the answers in flight');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs + CLOSE_MS).unref();
    // Health answers 503 from the moment the gateway closes, and goes away last. A shard's manager hears
    // the same at once, so its /healthz stops answering 200 too.
    const stopped = bot.stop();
    link?.report();
    void stopped
      .catch((err: unknown) => logger.error({ err }, 'could not close the gateway cleanly'))
      .then(() => health?.close())
      .then(() => {
        logger.info('stopped');
        process.exit(code);
      });
  };
  // Node passes the signal's number after its name: it is not an exit code.
  process.on('SIGINT', (signal) => shutdown(signal));
  process.on('SIGTERM', (signal) => shutdown(signal));
  // A shard whose manager is gone (killed, crashed) would otherwise run on unsupervised: it stops too.
  if (link) process.on('disconnect', () => shutdown('manager gone'));
  // An uncaught exception leaves the process in a state Node documents as unsafe to resume, so the bot
  // does not carry on as if nothing happened. Exiting at once would drop the replies in flight, which are
  // usually unrelated to the bug, so it stops the way SIGTERM stops it (no new interactions; replies in
  // flight finished, within SHUTDOWN_GRACE_SECONDS) and exits 1, for its supervisor to start a clean process.
  process.off('uncaughtException', exitOnUncaughtException);
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception: shutting down');
    shutdown('uncaughtException', 1);
  });
}

// The logger exists before the config is read, so even a config error is logged as JSON on stderr.
const logger = createLogger('info');
// A stray rejection (say, a failed REST call nobody awaited) is a bug to log, not a reason to go offline.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
process.on('uncaughtException', exitOnUncaughtException);

/** Before the bot is up there is nothing to finish: log as JSON and exit (installShutdown replaces this). */
function exitOnUncaughtException(err: Error): void {
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
}

main(logger).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof KnowledgeError || err instanceof CommandLoadError) {
    logger.fatal(err.message);
  } else {
    logger.fatal({ err }, 'bot failed to start');
  }
  process.exitCode = 1;
  process.exit();
});
