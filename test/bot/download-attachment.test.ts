import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { DownloadError, downloadAttachment } from '../../src/bot/download-attachment.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;
let requests: string[] = [];
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
  requests = [];
});

/** A real HTTP server on loopback, answering every request with `handler`; gives its base address. */
async function serve(handler: Handler): Promise<string> {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const LOCAL = { maxBytes: 1024, timeoutMs: 5_000, allowLocalHttp: true };

async function failure(
  url: string,
  options: Parameters<typeof downloadAttachment>[1],
): Promise<DownloadError> {
  const error = await downloadAttachment(url, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

describe('downloadAttachment', () => {
  test('returns the bytes of a file, declared or chunked, up to exactly maxBytes', async () => {
    // Random bytes, not text: every byte value must come back as sent.
    const body = randomBytes(1024);
    const base = await serve((req, res) => {
      if (req.url === '/declared') res.writeHead(200, { 'content-length': body.byteLength }).end(body);
      else {
        // No content-length: sent chunked, in two writes.
        res.writeHead(200);
        res.write(body.subarray(0, 500));
        res.end(body.subarray(500));
      }
    });
    expect(Buffer.from(await downloadAttachment(`${base}/declared`, LOCAL))).toEqual(body);
    expect(Buffer.from(await downloadAttachment(`${base}/chunked`, LOCAL))).toEqual(body);
  });

  test('refuses a declared length over maxBytes without waiting for the body', async () => {
    // The server declares 10 MiB, sends one chunk and then holds the connection open. A client that read
    // the body before judging its size would wait out the time-out and report that instead.
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': 10 * 1024 * 1024 });
      res.write('x');
    });
    const started = Date.now();
    const error = await failure(`${base}/big`, { ...LOCAL, maxBytes: 512 * 1024, timeoutMs: 3_000 });
    expect(error.failure).toBe('too-large');
    expect(error.message).toBe('The file is larger than 512 KiB');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('cuts off an undeclared body as soon as it passes maxBytes, closing the connection', async () => {
    // A chunked body of 8 MiB with no length: the server notes whether the client hung up before the end.
    let finished = false;
    let hungUp!: () => void;
    const closed = new Promise<void>((resolve) => (hungUp = resolve));
    const base = await serve((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 8 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.byteLength;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) finished = true;
        res.end();
      };
      res.on('close', hungUp);
      pump();
    });
    const url = `${base}/endless`;
    const error = await failure(url, { ...LOCAL, maxBytes: 64 * 1024 });
    expect(error.message).toBe('The file is larger than 64 KiB');
    await closed;
    expect(finished).toBe(false);
  });

  test('times out a server that drips the body, within the time allowed for the whole download', async () => {
    // Headers at once, then one byte every 50 ms for 5 s: a time-out on the headers alone would not fire.
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': 100 });
      const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write('x')), 50);
      res.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    const error = await failure(`${base}/slow`, { ...LOCAL, timeoutMs: 300 });
    expect(error.failure).toBe('timeout');
    expect(error.message).toBe('The download took longer than 0.3 s');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('reports a status other than 2xx with its code', async () => {
    const base = await serve((_req, res) => res.writeHead(404).end('not found'));
    const error = await failure(`${base}/gone`, LOCAL);
    expect(error.failure).toBe('http-status');
    expect(error.message).toBe('Discord did not return the file (HTTP 404)');
  });

  test('refuses anything but https:// before sending a request, local http only when allowed', async () => {
    const base = await serve((_req, res) => res.end('hello'));
    const strict = { maxBytes: 1024, timeoutMs: 1_000 };
    expect((await failure(`${base}/file.md`, strict)).message).toBe(
      'Only https:// attachment links are downloaded, not http://',
    );
    expect((await failure('http://example.com/file.md', LOCAL)).failure).toBe('refused-url');
    expect((await failure('file:///etc/passwd', LOCAL)).failure).toBe('refused-url');
    expect((await failure('not a url', LOCAL)).message).toBe('The attachment link is not a valid address');
    expect(requests).toEqual([]);
    // The same local address is fetched once the test option allows it.
    expect(Buffer.from(await downloadAttachment(`${base}/file.md`, LOCAL)).toString()).toBe('hello');
  });

  test('follows a redirect only to an address it would have accepted in the first place', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: '/file.md' }).end();
      else if (req.url === '/away') res.writeHead(302, { location: 'http://example.com/file.md' }).end();
      else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
      else res.end('hello');
    });
    expect(Buffer.from(await downloadAttachment(`${base}/moved`, LOCAL)).toString()).toBe('hello');
    expect((await failure(`${base}/away`, LOCAL)).failure).toBe('refused-url');
    expect((await failure(`${base}/loop`, LOCAL)).message).toBe(
      'Discord did not return the file (too many redirects)',
    );
  });

  test('reports a server that cannot be reached as a network failure', async () => {
    const base = await serve((_req, res) => res.end());
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error = await failure(`${base}/file.md`, LOCAL);
    expect(error.failure).toBe('network');
    expect(error.message).toBe('The file could not be downloaded (ECONNREFUSED)');
  });
});
