import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { Cooldowns } from './cooldown.js';
import { NO_MENTIONS } from './format-reply.js';
import { createInteractionHandler } from './interaction-handler.js';
import type { Command, CommandContext } from './load-commands.js';

/** Client-side cap on REST requests per second; see the Client options below for why it is not 50. */
const INTERACTION_REQUESTS_PER_SECOND = 1000;
/** What the bot is made of; main.ts and the end-to-end tests pass the same things. */
export interface BotOptions {
  config: Pick<Config, 'DISCORD_API_URL' | 'MOD_ROLE_IDS' | 'ASK_COOLDOWN_SECONDS'>;
  logger: Logger;
  library: CommandContext['library'];
  commands: ReadonlyMap<string, Command>;
}

/** A wired but not yet connected bot. */
export interface Bot {
  readonly client: Client;
  /** Logs in and resolves once the gateway session is ready. */
  start(token: string): Promise<void>;
  /** Closes the gateway connection, then resolves once the replies in flight are sent; safe to call twice. */
  stop(): Promise<void>;
  /** True while the gateway session is up (what `/healthz` reports). */
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
  const handle = createInteractionHandler({ commands, library, config, logger, cooldowns });
  let stopped = false;

  // Replies being worked on, so that stop() can let them finish (the handler never rejects).
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const handling = handle(interaction).finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });
  client.once(Events.ClientReady, (ready) => {
    logger.info(
      {
        user: ready.user.tag,
        guilds: ready.guilds.cache.size,
        commands: [...commands.keys()],
        index: library.current.stats,
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
    if (!stopped) logger.warn({ shard }, 'gateway connection lost; reconnecting');
  });
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info({ shard, replayed }, 'gateway session resumed'),
  );
  client.rest.on(RESTEvents.RateLimited, (info) =>
    logger.warn(
      { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global },
      'rate limited by Discord',
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
    async stop() {
      if (stopped) return;
      stopped = true;
      // No new interaction arrives once the gateway is closed; the replies in flight still go out, as
      // interaction callbacks and edits are authorised by each interaction's own token, not the bot's.
      await client.destroy();
      await Promise.allSettled(inFlight);
    },
    isReady: () => client.isReady(),
  };
}
