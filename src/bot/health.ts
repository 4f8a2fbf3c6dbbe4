import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** Loopback unless told otherwise: a health check is for the host's own supervisor, not the internet. */
export const DEFAULT_HOST = '127.0.0.1';

/** The path of a request target, or undefined when it is not a URL path at all (`//[`). */
function pathOf(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** A running health endpoint. */
export interface HealthServer {
  /** The address and port it listens on. */
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` for container and process supervisors: 200 while `isHealthy()` holds (gateway
 * ready and an index loaded), 503 otherwise; every other path is 404, a malformed request 400. The body is
 * `ok` or `not ready`, or, with `detail`, a JSON object: `{ "healthy": …, …detail() }` (the sharding
 * manager lists its shards there). It listens on 127.0.0.1 unless `host` says otherwise.
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  isHealthy: () => boolean;
  /** The plain-text body of a 503 ("starting" while the index is built); `not ready` by default. */
  notReady?: () => string;
  /** What to add to the answer, as JSON; called after isHealthy, for the same request. */
  detail?: () => Record<string, unknown>;
  logger: Logger;
}): Promise<HealthServer> {
  const server = createServer((request, response) => {
    // Nothing a client sends may throw out of here: an uncaught error in a request handler ends the process.
    try {
      const path = pathOf(request.url);
      if (path === undefined) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end('bad request\n');
        return;
      }
      if (path !== '/healthz' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      const healthy = options.isHealthy();
      const status = healthy ? 200 : 503;
      if (options.detail) {
        const body = JSON.stringify({ healthy, ...options.detail() });
        response.writeHead(status, { 'content-type': 'application/json' }).end(`${body}\n`);
        return;
      }
      response
        .writeHead(status, { 'content-type': 'text/plain' })
        .end(`${healthy ? 'ok' : (options.notReady?.() ?? 'not ready')}\n`);
    } catch (err) {
      options.logger.error({ err }, 'health endpoint failed to answer');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('error\n');
    }
  });
  // Malformed HTTP (not just a malformed URL) is answered 400 and the socket closed, never thrown.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.listen(options.port, options.host ?? DEFAULT_HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { address: host, port } = server.address() as AddressInfo;
  options.logger.info({ host, port }, 'health endpoint listening on /healthz');
  return {
    host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
