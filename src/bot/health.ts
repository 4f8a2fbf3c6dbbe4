import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

/** A running health endpoint. */
export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /healthz` for container and process supervisors: 200 while `isHealthy()` holds (gateway
 * ready and an index loaded), 503 otherwise; every other path is 404. No details are exposed.
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  isHealthy: () => boolean;
  logger: Logger;
}): Promise<HealthServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/healthz' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const healthy = options.isHealthy();
    response
      .writeHead(healthy ? 200 : 503, { 'content-type': 'text/plain' })
      .end(healthy ? 'ok\n' : 'not ready\n');
  });
  server.listen(options.port, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port }, 'health endpoint listening on /healthz');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
