import { pino } from 'pino';
import { afterEach, describe, expect, test } from 'vitest';
import { startHealthServer, type HealthServer } from '../../src/bot/health.js';

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startHealthServer', () => {
  test('answers /healthz with 503 until healthy, then 200', async () => {
    let healthy = false;
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      isHealthy: () => healthy,
      logger: pino({ level: 'silent' }),
    });
    const url = `http://127.0.0.1:${server.port}/healthz`;
    expect((await fetch(url)).status).toBe(503);
    healthy = true;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok\n');
  });

  test('answers any other path with 404', async () => {
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      isHealthy: () => true,
      logger: pino({ level: 'silent' }),
    });
    expect((await fetch(`http://127.0.0.1:${server.port}/`)).status).toBe(404);
  });
});
