import { connect } from 'node:net';
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

  test('says why it is not ready: "starting" while the index is built', async () => {
    let starting = true;
    server = await startHealthServer({
      port: 0,
      isHealthy: () => false,
      notReady: () => (starting ? 'starting' : 'not ready'),
      logger: pino({ level: 'silent' }),
    });
    const body = async () => (await fetch(`http://127.0.0.1:${server!.port}/healthz`)).text();
    expect(await body()).toBe('starting\n');
    starting = false;
    expect(await body()).toBe('not ready\n');
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

  test('listens on loopback unless told otherwise', async () => {
    server = await startHealthServer({ port: 0, isHealthy: () => true, logger: pino({ level: 'silent' }) });
    expect(server.host).toBe('127.0.0.1');
  });

  test('answers a request whose target is not a URL ("GET //[") with 400, and keeps serving', async () => {
    server = await startHealthServer({ port: 0, isHealthy: () => true, logger: pino({ level: 'silent' }) });
    const reply = await rawRequest(server.port, 'GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    const garbage = await rawRequest(server.port, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
  });

  test('answers 500 and logs the error when the health check itself throws, and keeps serving', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void logged.push(line) });
    let broken = true;
    const isHealthy = () => {
      if (broken) throw new Error('index in an impossible state');
      return true;
    };
    server = await startHealthServer({ port: 0, isHealthy, logger });
    const url = `http://127.0.0.1:${server.port}/healthz`;
    expect((await fetch(url)).status).toBe(500);
    expect(logged.join('')).toContain('index in an impossible state');
    broken = false;
    expect((await fetch(url)).status).toBe(200);
  });
});

/** Sends raw bytes to the port and resolves with everything the server answers before closing. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

describe('startHealthServer with detail', () => {
  test('answers JSON with the health and the detail, 200 or 503 as isHealthy says', async () => {
    let healthy = false;
    server = await startHealthServer({
      port: 0,
      isHealthy: () => healthy,
      detail: () => ({ shards: [{ id: 0, ready: healthy }] }),
      logger: pino({ level: 'silent' }),
    });
    const url = `http://127.0.0.1:${server.port}/healthz`;
    const down = await fetch(url);
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toBe('application/json');
    expect(await down.json()).toEqual({ healthy: false, shards: [{ id: 0, ready: false }] });
    healthy = true;
    const up = await fetch(url);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ healthy: true, shards: [{ id: 0, ready: true }] });
  });
});
