import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GatewayDispatchEvents,
  GatewayOpcodes,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
} from 'discord.js';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { createWorld, snowflake, type World } from './payloads.js';

// A small Discord for the end-to-end tests: the REST routes the bot uses and a JSON gateway, on 127.0.0.1.
// It behaves like Discord where the bot could get it wrong (the 3-second acknowledgement window, double
// acknowledgement, message limits, a deferred reply replaced by the first follow-up, rate limits, resumes)
// and records everything it receives, so tests assert on what the bot actually sent.

/** One REST request as the emulator received it, and what it answered. */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, URL-decoded (`@original`, not `%40original`). */
  path: string;
  /** Path exactly as received, including the `/api/v10` prefix. */
  rawPath: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  receivedAt: number;
  status: number;
  response: unknown;
}

/** One gateway frame, in either direction. */
export interface GatewayFrame {
  direction: 'received' | 'sent';
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
  at: number;
}

/** A message as Discord stores it after a reply, an edit or a follow-up. */
export interface EmulatedMessage {
  id: string;
  content: string;
  embeds: Record<string, unknown>[];
  /** Action rows of buttons, as sent. */
  components: Record<string, unknown>[];
  flags: number;
  allowedMentions: unknown;
  ephemeral: boolean;
  /** Still the "is thinking…" placeholder of a deferral. */
  loading: boolean;
}

/** What the user finally saw for one interaction. */
export interface InteractionOutcome {
  /** The callback type used to acknowledge (5 = deferred, 4 = immediate reply, 8 = autocomplete). */
  ackType: number;
  /** Milliseconds from dispatch to the acknowledgement. */
  ackDelayMs: number;
  /** The message shown (for commands), after any edits. */
  message?: EmulatedMessage;
  /** The choices offered (for autocomplete). */
  choices?: { name: string; value: string | number }[];
}

/** An interaction the emulator dispatched; `outcome` settles when the user sees a final answer. */
export interface EmulatedInteraction {
  readonly id: string;
  readonly token: string;
  readonly payload: APIInteraction;
  readonly dispatchedAt: number;
  ack?: { type: number; at: number; body: unknown };
  original?: EmulatedMessage;
  originalDeleted: boolean;
  readonly followUps: EmulatedMessage[];
  readonly outcome: Promise<InteractionOutcome>;
}

interface InteractionState extends EmulatedInteraction {
  settle(outcome: InteractionOutcome): void;
  settled: boolean;
}

interface Session {
  id: string;
  /** `[shard id, shard count]` from IDENTIFY; `[0, 1]` for an unsharded bot. */
  shard: [number, number];
  seq: number;
  events: { op: number; t: string; s: number; d: unknown }[];
  socket: WebSocket | undefined;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Options for a test's Discord. */
export interface EmulatorOptions {
  /** The bot token the emulator accepts. */
  token: string;
  /** Discord's acknowledgement window; 3 s, as in production. */
  ackDeadlineMs?: number;
  /** Sent in HELLO; the client's first heartbeat comes at a random fraction of it. */
  heartbeatIntervalMs?: number;
  /** The shard count `GET /gateway/bot` recommends (what discord.js's `auto` uses); 1, as for a small bot. */
  recommendedShards?: number;
}

/** One gateway session as a test sees it. */
export interface GatewaySession {
  id: string;
  /** `[shard id, shard count]` as the client identified. */
  shard: [number, number];
  connected: boolean;
}

/** How the emulated CDN serves one attachment. */
export interface AttachmentOptions {
  /** Declared size in the interaction (what Discord says), default the real size. */
  declaredSize?: number;
  /** Sends the body this slowly: one byte every `dripMs`, without a Content-Length. */
  dripMs?: number;
}

const API_PREFIX = '/api/v10';
const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  total: 6000,
  choices: 25,
};

function error(status: number, code: number, message: string, errors?: unknown): Reply {
  return { status, body: { code, message, ...(errors ? { errors } : {}) } };
}

/** Discord's "Invalid Form Body", with the offending field's path. */
function invalidForm(path: string, message: string): Reply {
  return error(400, 50035, 'Invalid Form Body', {
    [path]: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message }] },
  });
}

/** The emulated Discord. Start one per test file; `close()` it afterwards. */
export class DiscordEmulator extends EventEmitter {
  readonly world: World = createWorld();
  readonly requests: RecordedRequest[] = [];
  readonly gatewayFrames: GatewayFrame[] = [];
  /** Commands registered by bulk overwrite, keyed by scope (`global` or a guild id). */
  readonly registeredCommands = new Map<string, { id: string; name: string; [key: string]: unknown }[]>();
  readonly interactions = new Map<string, InteractionState>();
  readonly #byToken = new Map<string, InteractionState>();
  readonly #sessions = new Map<string, Session>();
  readonly #rateLimits: { method: string; path: RegExp; retryAfterSeconds: number }[] = [];
  readonly #failures: { method: string; path: RegExp; status: number; message: string }[] = [];
  readonly #commandIds = new Map<string, string>();
  readonly #messages = new Map<string, EmulatedMessage>();
  readonly #attachments = new Map<string, { bytes: Buffer; options: AttachmentOptions }>();
  #gatewayDown = false;
  readonly #options: Required<EmulatorOptions>;
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  #port = 0;

  private constructor(options: EmulatorOptions) {
    super();
    this.setMaxListeners(0);
    this.#options = { ackDeadlineMs: 3000, heartbeatIntervalMs: 41_250, recommendedShards: 1, ...options };
    this.#http = createServer((req, res) => void this.#onHttp(req, res));
    this.#wss = new WebSocketServer({ server: this.#http, path: '/gateway' });
    this.#wss.on('connection', (socket, req) => this.#onConnection(socket, req));
  }

  /** Starts the emulator on a free port of 127.0.0.1. */
  static async start(options: EmulatorOptions): Promise<DiscordEmulator> {
    const emulator = new DiscordEmulator(options);
    await new Promise<void>((resolve) => emulator.#http.listen(0, '127.0.0.1', resolve));
    emulator.#port = (emulator.#http.address() as AddressInfo).port;
    return emulator;
  }

  /** The REST base to give discord.js (`rest.api`); it appends `/v10` itself. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  /** The id Discord assigned to a command (registered, or made up for a bot that never deployed). */
  commandId(name: string): string {
    for (const commands of this.registeredCommands.values()) {
      const found = commands.find((c) => c.name === name);
      if (found) return found.id;
    }
    let id = this.#commandIds.get(name);
    if (!id) this.#commandIds.set(name, (id = snowflake()));
    return id;
  }

  /** Makes the next request matching `method` and `path` fail with 429 and this Retry-After. */
  rateLimitNext(method: string, path: RegExp, retryAfterSeconds: number): void {
    this.#rateLimits.push({ method, path, retryAfterSeconds });
  }

  /** Makes the next request matching `method` and `path` fail with `status` (as Discord's 401 for a revoked token). */
  failNext(method: string, path: RegExp, status: number, message = `${status}: emulated failure`): void {
    this.#failures.push({ method, path, status, message });
  }

  /** Closes every open gateway connection with `code`; the session stays resumable, as with Discord's 4000. */
  closeGateway(code: number, reason = 'emulated close'): void {
    for (const socket of this.#wss.clients) socket.close(code, reason);
  }

  /**
   * An outage: while down, every open connection is closed (resumable) and new ones are closed as soon as
   * they open, so the client keeps retrying until `gatewayDown(false)`.
   */
  gatewayDown(down: boolean): void {
    this.#gatewayDown = down;
    if (down) this.closeGateway(4000, 'emulated outage');
  }

  /** Stores a file on the emulated CDN and returns the attachment object an interaction carries. */
  addAttachment(filename: string, bytes: Buffer, options: AttachmentOptions = {}): Record<string, unknown> {
    const id = snowflake();
    this.#attachments.set(id, { bytes, options });
    const url = `http://127.0.0.1:${this.#port}/attachments/${id}/${encodeURIComponent(filename)}`;
    return {
      id,
      filename,
      size: options.declaredSize ?? bytes.length,
      url,
      proxy_url: url,
      content_type: filename.endsWith('.md') ? 'text/markdown; charset=utf-8' : 'text/plain; charset=utf-8',
    };
  }

  /** A message the bot posted, by id, as it is now. */
  message(id: string): EmulatedMessage | undefined {
    return this.#messages.get(id);
  }

  /** A message as Discord sends it inside interactions and REST answers. */
  apiMessage(message: EmulatedMessage): Record<string, unknown> {
    return this.#apiMessage(message);
  }

  /** Every gateway session identified so far, oldest first (a reconnect that resumes keeps its session). */
  get sessions(): GatewaySession[] {
    return [...this.#sessions.values()].map((s) => ({
      id: s.id,
      shard: [...s.shard],
      connected: s.socket !== undefined,
    }));
  }

  /**
   * Sends an INTERACTION_CREATE for `payload`. The acknowledgement clock starts now, or `ageMs` earlier
   * for an interaction that reaches the bot late (as after a slow reconnect). It goes to the latest
   * session, or with `shard` to the latest session of that shard (as Discord sends a guild's events to
   * the shard that has the guild).
   */
  dispatchInteraction(
    payload: APIInteraction,
    { ageMs = 0, shard }: { ageMs?: number; shard?: number } = {},
  ): EmulatedInteraction {
    const session =
      shard === undefined
        ? undefined
        : [...this.#sessions.values()].filter((s) => s.shard[0] === shard).at(-1);
    if (shard !== undefined && !session) throw new Error(`emulator: no gateway session of shard ${shard}`);
    let settle!: (outcome: InteractionOutcome) => void;
    const outcome = new Promise<InteractionOutcome>((resolve) => (settle = resolve));
    const state: InteractionState = {
      id: payload.id,
      token: payload.token,
      payload,
      dispatchedAt: Date.now() - ageMs,
      originalDeleted: false,
      followUps: [],
      outcome,
      settled: false,
      settle: (result) => {
        if (state.settled) return;
        state.settled = true;
        settle(result);
      },
    };
    this.interactions.set(payload.id, state);
    this.#byToken.set(payload.token, state);
    if (session) this.#dispatchTo(session, GatewayDispatchEvents.InteractionCreate, payload);
    else this.#dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return state;
  }

  /** Every REST request made about one interaction (its callback and its webhook calls). */
  requestsFor(interaction: EmulatedInteraction): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(interaction.id) || r.path.includes(interaction.token));
  }

  /** Resolves with the first recorded request matching `predicate`, past or future. */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = 10_000,
  ): Promise<RecordedRequest> {
    return this.#waitFor('request', this.requests, predicate, timeoutMs);
  }

  /** Resolves with the first gateway frame matching `predicate`, past or future. */
  waitForFrame(predicate: (frame: GatewayFrame) => boolean, timeoutMs = 10_000): Promise<GatewayFrame> {
    return this.#waitFor('frame', this.gatewayFrames, predicate, timeoutMs);
  }

  /** Stops both servers and drops every connection. */
  async close(): Promise<void> {
    for (const socket of this.#wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #waitFor<T>(
    event: string,
    log: readonly T[],
    predicate: (item: T) => boolean,
    timeoutMs: number,
  ): Promise<T> {
    const found = log.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off(event, listener);
        reject(new Error(`emulator: no matching ${event} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (item: T) => {
        if (!predicate(item)) return;
        clearTimeout(timer);
        this.off(event, listener);
        resolve(item);
      };
      this.on(event, listener);
    });
  }

  // ---- REST ----

  async #onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const attachment = /^\/attachments\/(\d+)\//.exec(req.url ?? '');
    if (attachment) return this.#serveAttachment(attachment[1]!, res);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rawPath = url.pathname;
    const path = decodeURIComponent(
      rawPath.startsWith(API_PREFIX) ? rawPath.slice(API_PREFIX.length) : rawPath,
    );
    let body: unknown = text;
    if (text && (req.headers['content-type'] ?? '').includes('application/json')) body = JSON.parse(text);

    const method = req.method ?? 'GET';
    const reply = rawPath.startsWith(API_PREFIX)
      ? this.#route(method, path, req.headers, body, url)
      : error(404, 0, '404: Not Found');
    const recorded: RecordedRequest = {
      method,
      path,
      rawPath,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      receivedAt: Date.now(),
      status: reply.status,
      response: reply.body,
    };
    this.requests.push(recorded);

    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined) headers['content-type'] = 'application/json';
    res
      .writeHead(reply.status, headers)
      .end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    this.emit('request', recorded);
  }

  async #serveAttachment(id: string, res: ServerResponse): Promise<void> {
    const file = this.#attachments.get(id);
    if (!file) return void res.writeHead(404).end();
    const { bytes, options } = file;
    if (!options.dripMs) return void res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (const byte of bytes) {
      if (res.destroyed) return;
      res.write(Buffer.of(byte));
      await new Promise((resolve) => setTimeout(resolve, options.dripMs));
    }
    res.end();
  }

  #route(method: string, path: string, headers: IncomingHttpHeaders, body: unknown, url: URL): Reply {
    const limit = this.#rateLimits.findIndex((r) => r.method === method && r.path.test(path));
    if (limit !== -1) {
      const retryAfterSeconds = this.#rateLimits.splice(limit, 1)[0]!.retryAfterSeconds;
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
        headers: {
          'retry-after': String(retryAfterSeconds),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(retryAfterSeconds),
          'x-ratelimit-bucket': 'emulated-bucket',
          'x-ratelimit-scope': 'user',
        },
      };
    }

    const failure = this.#failures.findIndex((f) => f.method === method && f.path.test(path));
    if (failure !== -1) {
      const { status, message } = this.#failures.splice(failure, 1)[0]!;
      return error(status, 0, message);
    }

    let match: RegExpExecArray | null;
    // Interaction callbacks and interaction webhooks are authorised by their token, not the bot's.
    if ((match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      return this.#callback(match[1]!, match[2]!, body, url.searchParams.get('with_response') === 'true');
    }
    if ((match = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/([^/]+))?$/.exec(path))) {
      return this.#webhook(method, match[1]!, match[2]!, match[4], body);
    }

    if (headers.authorization !== `Bot ${this.#options.token}`) return error(401, 0, '401: Unauthorized');
    if (path === '/gateway/bot' && method === 'GET') {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.#options.recommendedShards,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    }
    if (path === '/users/@me' && method === 'GET') return { status: 200, body: this.world.botUser };
    if ((match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (match[1] !== this.world.applicationId) return error(403, 50001, 'Missing Access');
      const scope = match[2] ?? 'global';
      if (match[2] && match[2] !== this.world.guildId) return error(403, 50001, 'Missing Access');
      if (method === 'GET') return { status: 200, body: this.registeredCommands.get(scope) ?? [] };
      if (method === 'PUT') return this.#overwriteCommands(scope, body);
    }
    return error(404, 0, '404: Not Found');
  }

  #overwriteCommands(scope: string, body: unknown): Reply {
    if (!Array.isArray(body)) return error(400, 50035, 'Invalid Form Body');
    const names = new Set<string>();
    for (const [i, command] of (body as Record<string, unknown>[]).entries()) {
      const name = String(command.name ?? '');
      // Context-menu commands (user 2, message 3) have a display name and no description.
      const menu = command.type === 2 || command.type === 3;
      if (!(menu ? /^[\p{L}\p{N} _-]{1,32}$/u : /^[-_\p{Ll}\p{N}]{1,32}$/u).test(name))
        return invalidForm(`${i}.name`, 'Command name is invalid');
      const description = String(command.description ?? '');
      if (menu ? description !== '' : description.length < 1 || description.length > 100)
        return invalidForm(`${i}.description`, menu ? 'Must be empty' : 'Must be 1-100 characters');
      if (names.has(name))
        return error(400, 50035, 'Invalid Form Body', { [i]: 'Application command names must be unique' });
      names.add(name);
    }
    const stored = (body as Record<string, unknown>[]).map((command) => ({
      ...command,
      name: String(command.name),
      id: this.#commandIds.get(String(command.name)) ?? snowflake(),
      application_id: this.world.applicationId,
      version: snowflake(),
      ...(scope === 'global' ? {} : { guild_id: scope }),
    }));
    this.registeredCommands.set(scope, stored);
    return { status: 200, body: stored };
  }

  #callback(id: string, token: string, body: unknown, withResponse: boolean): Reply {
    const state = this.interactions.get(id);
    if (!state || state.token !== token) return error(404, 10062, 'Unknown interaction');
    const now = Date.now();
    if (state.ack) return error(400, 40060, 'Interaction has already been acknowledged.');
    if (now - state.dispatchedAt > this.#options.ackDeadlineMs)
      return error(404, 10062, 'Unknown interaction');

    const { type, data } = (body ?? {}) as { type?: number; data?: Record<string, unknown> };
    const isAutocomplete = state.payload.type === InteractionType.ApplicationCommandAutocomplete;
    const isComponent = state.payload.type === InteractionType.MessageComponent;
    const allowed = isAutocomplete
      ? [InteractionResponseType.ApplicationCommandAutocompleteResult]
      : [
          InteractionResponseType.ChannelMessageWithSource,
          InteractionResponseType.DeferredChannelMessageWithSource,
          InteractionResponseType.Modal,
          ...(isComponent
            ? [InteractionResponseType.DeferredMessageUpdate, InteractionResponseType.UpdateMessage]
            : []),
        ];
    if (type === undefined || !allowed.includes(type))
      return error(400, 40043, 'Interaction callback type is not valid for this interaction');

    let message: EmulatedMessage | undefined;
    if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      const choices = (data?.choices ?? []) as { name: string; value: string | number }[];
      if (choices.length > LIMITS.choices)
        return invalidForm('data.choices', 'Must be 25 or fewer in length.');
      for (const [i, choice] of choices.entries()) {
        if (!choice.name || choice.name.length > 100)
          return invalidForm(`data.choices.${i}.name`, 'Must be 1-100 characters');
        if (typeof choice.value === 'string' && choice.value.length > 100)
          return invalidForm(`data.choices.${i}.value`, 'Must be 100 or fewer');
      }
      state.ack = { type, at: now, body };
      state.settle({ ackType: type, ackDelayMs: now - state.dispatchedAt, choices });
    } else if (
      type === InteractionResponseType.UpdateMessage ||
      type === InteractionResponseType.DeferredMessageUpdate
    ) {
      // The message the button is on becomes the interaction's original, as on Discord.
      const source = this.#messages.get(String((state.payload as { message?: { id?: string } }).message?.id));
      if (!source) return error(404, 10008, 'Unknown Message');
      state.ack = { type, at: now, body };
      state.original = source;
      if (type === InteractionResponseType.UpdateMessage) {
        const invalid = validateMessage(data ?? {});
        if (invalid) return invalid;
        applyEdit(source, data ?? {});
        message = source;
        state.settle({ ackType: type, ackDelayMs: now - state.dispatchedAt, message });
      }
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      const flags = Number(data?.flags ?? 0);
      message = this.#message({ flags: flags | MessageFlags.Loading }, flags);
      message.loading = true;
      state.ack = { type, at: now, body };
      state.original = message;
    } else {
      const invalid = validateMessage(data ?? {});
      if (invalid) return invalid;
      message = this.#message(data ?? {}, Number(data?.flags ?? 0));
      state.ack = { type, at: now, body };
      state.original = message;
      state.settle({ ackType: type, ackDelayMs: now - state.dispatchedAt, message });
    }
    if (!withResponse) return { status: 204 };
    return {
      status: 200,
      body: {
        interaction: {
          id,
          type: state.payload.type,
          response_message_loading: Boolean(message?.loading),
          response_message_ephemeral: Boolean(message?.ephemeral),
        },
        resource: { type, ...(message ? { message: this.#apiMessage(message) } : {}) },
      },
    };
  }

  #webhook(
    method: string,
    applicationId: string,
    token: string,
    messageId: string | undefined,
    body: unknown,
  ): Reply {
    const state = this.#byToken.get(token);
    if (applicationId !== this.world.applicationId || !state || !state.ack)
      return error(404, 10015, 'Unknown Webhook');
    const data = (body ?? {}) as Record<string, unknown>;

    if (messageId === undefined && method === 'POST') {
      const invalid = validateMessage(data);
      if (invalid) return invalid;
      // As on Discord, the first follow-up to a deferral replaces the "thinking…" placeholder and keeps
      // the deferral's visibility, whatever flags it asks for.
      if (state.original?.loading && !state.originalDeleted) {
        Object.assign(state.original, this.#message(data, state.original.flags & MessageFlags.Ephemeral), {
          id: state.original.id,
        });
        state.original.loading = false;
        this.#settleWithMessage(state, state.original);
        return { status: 200, body: this.#apiMessage(state.original) };
      }
      const message = this.#message(data, Number(data.flags ?? 0));
      state.followUps.push(message);
      this.#settleWithMessage(state, message);
      return { status: 200, body: this.#apiMessage(message) };
    }

    const target =
      messageId === '@original'
        ? state.originalDeleted
          ? undefined
          : state.original
        : state.followUps.find((m) => m.id === messageId);
    if (!target) return error(404, 10008, 'Unknown Message');
    if (method === 'GET') return { status: 200, body: this.#apiMessage(target) };
    if (method === 'DELETE') {
      if (messageId === '@original') state.originalDeleted = true;
      else state.followUps.splice(state.followUps.indexOf(target), 1);
      return { status: 204 };
    }
    if (method === 'PATCH') {
      const invalid = validateMessage(data);
      if (invalid) return invalid;
      applyEdit(target, data);
      target.loading = false;
      this.#settleWithMessage(state, target);
      return { status: 200, body: this.#apiMessage(target) };
    }
    return error(405, 0, '405: Method Not Allowed');
  }

  #settleWithMessage(state: InteractionState, message: EmulatedMessage): void {
    if (!state.ack) return;
    state.settle({ ackType: state.ack.type, ackDelayMs: state.ack.at - state.dispatchedAt, message });
  }

  #message(data: Record<string, unknown>, flags: number): EmulatedMessage {
    const message: EmulatedMessage = {
      id: snowflake(),
      content: String(data.content ?? ''),
      embeds: (data.embeds ?? []) as Record<string, unknown>[],
      components: (data.components ?? []) as Record<string, unknown>[],
      flags,
      allowedMentions: data.allowed_mentions,
      ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
      loading: false,
    };
    this.#messages.set(message.id, message);
    return message;
  }

  /** The message object Discord returns, complete enough for discord.js to build a Message from it. */
  #apiMessage(message: EmulatedMessage): Record<string, unknown> {
    return {
      id: message.id,
      type: 20,
      channel_id: this.world.channel.id,
      author: this.world.botUser,
      content: message.content,
      embeds: message.embeds,
      flags: message.flags | (message.loading ? MessageFlags.Loading : 0),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      components: message.components,
      pinned: false,
      application_id: this.world.applicationId,
      webhook_id: this.world.applicationId,
    };
  }

  // ---- Gateway ----

  #onConnection(socket: WebSocket, req: IncomingMessage): void {
    const params = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    if (this.#gatewayDown) {
      socket.close(4000, 'emulated outage');
      return;
    }
    if (params.get('encoding') !== 'json' || params.get('v') !== '10') {
      socket.close(4012, 'Invalid API version or encoding');
      return;
    }
    let session: Session | undefined;
    this.#send(socket, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.#options.heartbeatIntervalMs },
    });

    socket.on('message', (raw: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const frame = JSON.parse(raw.toString()) as { op: number; d: unknown };
      this.#record({ direction: 'received', op: frame.op, d: frame.d, at: Date.now() });
      switch (frame.op) {
        case GatewayOpcodes.Heartbeat:
          this.#send(socket, { op: GatewayOpcodes.HeartbeatAck });
          break;
        case GatewayOpcodes.Identify: {
          const d = frame.d as { token?: string; shard?: [number, number] };
          if (d.token !== this.#options.token) return void socket.close(4004, 'Authentication failed.');
          if (session) return void socket.close(4005, 'Already authenticated.');
          const [shardId = 0, shardCount = 1] = d.shard ?? [];
          // As Discord does: a shard id outside its count is refused.
          if (shardId < 0 || shardId >= shardCount) return void socket.close(4010, 'Invalid shard.');
          session = {
            id: randomBytes(16).toString('hex'),
            shard: [shardId, shardCount],
            seq: 0,
            events: [],
            socket,
          };
          this.#sessions.set(session.id, session);
          this.#dispatchTo(session, GatewayDispatchEvents.Ready, {
            v: 10,
            user: this.world.botUser,
            guilds: [{ id: this.world.guildId, unavailable: true }],
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            shard: session.shard,
            application: { id: this.world.applicationId, flags: 0 },
          });
          this.#dispatchTo(session, GatewayDispatchEvents.GuildCreate, this.#guild());
          this.emit(
            'session',
            this.sessions.find((s) => s.id === session!.id),
          );
          break;
        }
        case GatewayOpcodes.Resume: {
          const d = frame.d as { token?: string; session_id?: string; seq?: number };
          const resumed = d.session_id ? this.#sessions.get(d.session_id) : undefined;
          if (!resumed || d.token !== this.#options.token) {
            this.#send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
            break;
          }
          session = resumed;
          session.socket = socket;
          // Replay what the client missed, then confirm, as Discord does.
          for (const event of session.events.filter((e) => e.s > (d.seq ?? 0))) this.#send(socket, event);
          this.#dispatchTo(session, GatewayDispatchEvents.Resumed, {});
          break;
        }
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.RequestGuildMembers:
          break;
        default:
          socket.close(4001, 'Unknown opcode.');
      }
    });
    socket.on('close', () => {
      if (session?.socket === socket) session.socket = undefined;
    });
  }

  #dispatch(t: string, d: unknown): void {
    const session = [...this.#sessions.values()].at(-1);
    if (!session) throw new Error('emulator: no gateway session to dispatch to (is the bot logged in?)');
    this.#dispatchTo(session, t, d);
  }

  #dispatchTo(session: Session, t: string, d: unknown): void {
    const event = { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d };
    session.events.push(event);
    // While disconnected the event waits in the session, to be replayed on resume.
    if (session.socket) this.#send(session.socket, event);
  }

  #send(socket: WebSocket, frame: { op: number; d?: unknown; s?: number; t?: string }): void {
    const full = { op: frame.op, d: frame.d ?? null, s: frame.s ?? null, t: frame.t ?? null };
    this.#record({ direction: 'sent', op: full.op, t: full.t, s: full.s, d: full.d, at: Date.now() });
    // Text frames: discord.js drops binary frames unless it negotiated compression.
    socket.send(JSON.stringify(full), { binary: false });
  }

  #record(frame: GatewayFrame): void {
    this.gatewayFrames.push(frame);
    this.emit('frame', frame);
  }

  #guild(): Record<string, unknown> {
    const { guildId, channel, botUser, everyoneRoleId, moderatorRoleId } = this.world;
    const role = (id: string, name: string, permissions: bigint, position: number) => ({
      id,
      name,
      permissions: permissions.toString(),
      position,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: false,
      mentionable: false,
      icon: null,
      unicode_emoji: null,
      flags: 0,
    });
    return {
      id: guildId,
      name: 'Emulated News Club',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: snowflake(),
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      system_channel_id: channel.id,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      preferred_locale: 'en-US',
      vanity_url_code: null,
      description: null,
      banner: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      application_id: null,
      features: [],
      roles: [
        role(everyoneRoleId, '@everyone', 1_071_698_660_929n, 0),
        role(moderatorRoleId, 'Moderators', 0n, 1),
      ],
      emojis: [],
      stickers: [],
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 3,
      members: [
        {
          user: botUser,
          roles: [],
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
          pending: false,
          nick: null,
          avatar: null,
          premium_since: null,
        },
      ],
      channels: [channel],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

/** What an edit (a PATCH or an UpdateMessage callback) changes: only the fields it sends. */
function applyEdit(target: EmulatedMessage, data: Record<string, unknown>): void {
  if (data.content !== undefined) target.content = String(data.content ?? '');
  if (data.embeds !== undefined) target.embeds = (data.embeds ?? []) as Record<string, unknown>[];
  if (data.components !== undefined) target.components = (data.components ?? []) as Record<string, unknown>[];
  target.allowedMentions = data.allowed_mentions;
}

/** Checks buttons against Discord's rules: 5 rows of 5, ids and labels within limits, links with a URL. */
function validateComponents(rows: Record<string, unknown>[]): Reply | undefined {
  if (rows.length > 5) return invalidForm('components', 'Must be 5 or fewer in length.');
  const ids = new Set<string>();
  for (const [i, row] of rows.entries()) {
    const items = (row.components ?? []) as Record<string, unknown>[];
    if (row.type !== 1 || items.length === 0 || items.length > 5)
      return invalidForm(`components.${i}`, 'An action row holds 1 to 5 components.');
    for (const [j, item] of items.entries()) {
      const where = `components.${i}.components.${j}`;
      const label = item.label === undefined ? undefined : String(item.label);
      if (item.type !== 2) return invalidForm(where, 'Only buttons are emulated.');
      if (label !== undefined && (label.length === 0 || label.length > 80))
        return invalidForm(`${where}.label`, 'Must be 1-80 in length.');
      if (label === undefined && item.emoji === undefined)
        return invalidForm(where, 'A button needs a label or an emoji.');
      if (item.style === 5) {
        if (typeof item.url !== 'string' || !/^https?:\/\//.test(item.url) || item.custom_id !== undefined)
          return invalidForm(`${where}.url`, 'A link button has a URL and no custom id.');
      } else {
        const id = item.custom_id;
        if (typeof id !== 'string' || id.length === 0 || id.length > 100)
          return invalidForm(`${where}.custom_id`, 'Must be 1-100 in length.');
        if (ids.has(id)) return invalidForm(`${where}.custom_id`, 'Component custom id cannot be duplicated');
        ids.add(id);
      }
    }
  }
  return undefined;
}

/** Checks a message body against Discord's limits; returns the error Discord would send, or undefined. */
function validateMessage(data: Record<string, unknown>): Reply | undefined {
  if (data.components !== undefined) {
    const invalid = validateComponents((data.components ?? []) as Record<string, unknown>[]);
    if (invalid) return invalid;
  }
  const content = data.content;
  if (typeof content === 'string' && content.length > LIMITS.content)
    return invalidForm('content', 'Must be 2000 or fewer in length.');
  const embeds = (data.embeds ?? []) as Record<string, unknown>[];
  if (embeds.length > LIMITS.embeds) return invalidForm('embeds', 'Must be 10 or fewer in length.');
  for (const [i, embed] of embeds.entries()) {
    const title = String(embed.title ?? '');
    const description = String(embed.description ?? '');
    const footer = String((embed.footer as { text?: string } | undefined)?.text ?? '');
    const fields = (embed.fields ?? []) as { name?: string; value?: string }[];
    if (title.length > LIMITS.title)
      return invalidForm(`embeds.${i}.title`, 'Must be 256 or fewer in length.');
    if (description.length > LIMITS.description)
      return invalidForm(`embeds.${i}.description`, 'Must be 4096 or fewer in length.');
    if (footer.length > LIMITS.footer)
      return invalidForm(`embeds.${i}.footer.text`, 'Must be 2048 or fewer in length.');
    if (fields.length > LIMITS.fields)
      return invalidForm(`embeds.${i}.fields`, 'Must be 25 or fewer in length.');
    let total = title.length + description.length + footer.length;
    for (const [j, field] of fields.entries()) {
      const name = field.name ?? '';
      const value = field.value ?? '';
      if (name.length === 0 || name.length > LIMITS.fieldName)
        return invalidForm(`embeds.${i}.fields.${j}.name`, 'Must be 1-256 in length.');
      if (value.length === 0 || value.length > LIMITS.fieldValue)
        return invalidForm(`embeds.${i}.fields.${j}.value`, 'Must be 1-1024 in length.');
      total += name.length + value.length;
    }
    if (total > LIMITS.total) return invalidForm(`embeds.${i}`, 'Embed size exceeds maximum size of 6000');
  }
  return undefined;
}
