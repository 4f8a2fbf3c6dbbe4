import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { Cooldowns } from './cooldown.js';
import { FeedbackStore } from '../feedback/feedback-store.js';
import { NO_MENTIONS } from './discord-text.js';
import { createInteractionHandler } from './interaction-handler.js';
import type { Command, CommandContext } from './load-commands.js';

/** Client-side cap on REST requests per second; see the Client options below for why it is not 50. */
const INTERACTION_REQUESTS_PER_SECOND = 1000;
/** What the bot is made of; main.ts and the end-to-end tests pass the same things. */
export interface BotOptions {
  config: Pick<
    Config,
    | 'DISCORD_API_URL'
    | 'MOD_ROLE_IDS'
    | 'ASK_COOLDOWN_SECONDS'
    | 'KNOWLEDGE_GUILD_IDS'
    | 'DISCORD_GUILD_ID'
    | 'KNOWLEDGE_DIR'
    | 'FEEDBACK_DIR'
    | 'SHUTDOWN_GRACE_SECONDS'
  >;
  logger: Logger;
  library: CommandContext['library'];
  commands: ReadonlyMap<string, Command>;
}

/** A wired but not yet connected bot. */
export interface Bot {
  readonly client: Client;
  /** Logs in and resolves once the gateway session is ready. */
  start(token: string): Promise<void>;
  /**
   * Stops taking new interactions (each is told the bot is restarting), waits for the replies in flight
   * for up to SHUTDOWN_GRACE_SECONDS, then closes the gateway; safe to call twice.
   */
  stop(): Promise<void>;
  /** True while the gateway session is up: ready or resumed, not reconnecting (what `/healthz` reports). */
  isReady(): boolean;
}

/**
 * Creates the discord.js client with the interaction handler and logging attached. The client only
 * needs the Guilds intent: interactions arrive regardless of intents, and no message content is read.
 */
export function createBot({ config, logger, library, commands }: BotOptions): Bot {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // A default for every message, on top of each reply setting it: nothing the bot sends pings anyone.
    allowedMentions: NO_MENTIONS,
    rest: {
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
      // Everything this bot sends goes to interaction endpoints (callbacks, edits of its own replies),
      // which Discord exempts from the 50-per-second global limit; discord.js applies that limit to all
      // requests, which queued a burst of 200 questions for seconds. A real 429 is still obeyed.
      globalRequestsPerSecond: INTERACTION_REQUESTS_PER_SECOND,
    },
  });
  const cooldowns = new Cooldowns(config.ASK_COOLDOWN_SECONDS);
  const feedback = new FeedbackStore(config.FEEDBACK_DIR);
  let stopping: Promise<void> | undefined;
  // discord.js keeps client.isReady() true while it reconnects; the shard events say when the session
  // is really up, so health checks fail during an outage rather than after it.
  let connected = false;
  const handle = createInteractionHandler({
    commands,
    library,
    config,
    feedback,
    logger,
    cooldowns,
    isStopping: () => stopping !== undefined,
  });

  // Replies being worked on, so that stop() can let them finish (the handler never rejects).
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const handling = handle(interaction).finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });
  client.on(Events.ShardReady, () => (connected = true));
  client.on(Events.ShardResume, () => (connected = true));
  client.on(Events.ShardReconnecting, () => (connected = false));
  client.on(Events.ShardDisconnect, () => (connected = false));
  client.once(Events.ClientReady, (ready) => {
    logger.info(
      {
        user: ready.user.tag,
        guilds: ready.guilds.cache.size,
        commands: [...commands.keys()],
        index: indexStats(library),
      },
      'bot ready',
    );
  });
  // The client emits 'error' for gateway and handler failures; without a listener Node would crash on it.
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
  // discord.js emits shardDisconnect only for close codes it will not recover from (bad token, intents).
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.error({ shard, code: event.code }, 'gateway closed for good; restart after fixing the cause'),
  );
  client.on(Events.ShardReconnecting, (shard) => {
    // destroy() closes the socket too, and that is no reason for a warning.
    if (!stopping) logger.warn({ shard }, 'gateway connection lost; reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info({ shard, replayed }, 'gateway session resumed'),
  );
  // Every 429 Discord answers, on any route: discord.js retries them, and emits rateLimited only when its
  // own bucket bookkeeping makes it wait, which interaction callbacks (burst routes) never do.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status !== 429) return;
    logger.warn(
      {
        method: request.method,
        route: request.route,
        retryAfterSeconds: Number(response.headers.get('retry-after') ?? NaN),
        scope: response.headers.get('x-ratelimit-scope') ?? undefined,
      },
      'rate limited by Discord',
    );
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.debug(
      { route: info.route, method: info.method, waitMs: info.retryAfter, global: info.global },
      'waiting for a rate limit to pass',
    ),
  );

  return {
    client,
    async start(token) {
      // Listen before logging in: the ready event can fire before login() resolves.
      const ready = once(client, Events.ClientReady);
      await client.login(token);
      await ready;
    },
    stop() {
      stopping ??= (async () => {
        // The gateway stays open meanwhile: closing it first would leave new questions unanswered ("the
        // application did not respond"), while this way each is told to try again in a minute.
        const grace = new Promise<'timeout'>((resolve) =>
          setTimeout(resolve, config.SHUTDOWN_GRACE_SECONDS * 1000, 'timeout').unref(),
        );
        const waiting = inFlight.size;
        if (waiting > 0) logger.info({ inFlight: waiting }, 'waiting for the answers in flight');
        const outcome = await Promise.race([Promise.allSettled([...inFlight]), grace]);
        if (outcome === 'timeout')
          logger.warn(
            { unfinished: inFlight.size, graceSeconds: config.SHUTDOWN_GRACE_SECONDS },
            'answers still unfinished at the end of the grace period; closing anyway',
          );
        connected = false;
        await client.destroy();
      })();
      return stopping;
    },
    // A bot finishing its last answers takes no new ones: not ready, for a supervisor's eyes too.
    isReady: () => connected && !stopping && client.isReady(),
  };
}

/** The index's counts for the log, or that it is still being built (the bot logs in during a first start). */
function indexStats(library: CommandContext['library']): unknown {
  try {
    return library.current.stats;
  } catch {
    return 'still indexing';
  }
}
