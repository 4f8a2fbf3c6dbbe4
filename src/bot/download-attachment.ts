import { UserError } from '../errors.js';

/** Limits of one download. */
export interface DownloadOptions {
  /** Largest body accepted, in bytes; a larger one is refused or cut off as soon as it shows. */
  maxBytes: number;
  /** Time for the whole download, connection to last byte, in milliseconds. */
  timeoutMs: number;
  /** Also accept http:// on 127.0.0.1, localhost and [::1]: for the tests' Discord emulator only. */
  allowLocalHttp?: boolean;
}

/** Why a download failed, for callers that branch or count; `message` is what to show the member. */
export type DownloadFailure = 'refused-url' | 'too-large' | 'timeout' | 'http-status' | 'network';

/** A download that failed, with a message for the member who asked for it. */
export class DownloadError extends UserError {
  override name = 'DownloadError';
  constructor(
    readonly failure: DownloadFailure,
    message: string,
  ) {
    super(message);
  }
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;

/**
 * Downloads an attachment (a file a member uploaded to Discord) into memory. Only https:// addresses,
 * including every redirect hop; refused before reading when the declared length is over `maxBytes`, and
 * cut off as soon as the body read so far is over it (a server may omit or misstate the length); the
 * whole download must finish within `timeoutMs`; a status other than 2xx is an error. Throws DownloadError.
 */
export async function downloadAttachment(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const { maxBytes, timeoutMs } = options;
  const timeout = AbortSignal.timeout(timeoutMs);
  // Aborting `stop` closes the connection: how a refused or cut-off body is left unread.
  const stop = new AbortController();
  const signal = AbortSignal.any([timeout, stop.signal]);
  const tooLarge = () => new DownloadError('too-large', `The file is larger than ${sizeText(maxBytes)}`);
  try {
    const response = await fetchFollowingRedirects(url, options, signal);
    if (response.status < 200 || response.status > 299) {
      throw new DownloadError('http-status', `Discord did not return the file (HTTP ${response.status})`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) throw tooLarge();

    const chunks: Uint8Array[] = [];
    let total = 0;
    if (response.body) {
      // Node's types give the body's chunks as `any`; fetch's body stream yields Uint8Array chunks.
      const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) throw tooLarge();
        chunks.push(value);
      }
    }
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    // The time-out surfaces as whatever fetch or the body stream throws when aborted; the signal says why.
    if (timeout.aborted) {
      throw new DownloadError('timeout', `The download took longer than ${timeoutMs / 1000} s`);
    }
    throw new DownloadError('network', `The file could not be downloaded (${networkReason(err)})`);
  } finally {
    // Releases the connection of a refused, cut-off or failed download; after a complete one, does nothing.
    stop.abort();
  }
}

/**
 * Fetches `url`, following up to MAX_REDIRECTS redirects by hand so that every hop is checked like the
 * first: an https:// link must not lead the bot to a plain-http or internal address.
 */
async function fetchFollowingRedirects(
  url: string,
  options: DownloadOptions,
  signal: AbortSignal,
): Promise<Response> {
  let current = checkedUrl(url, options);
  for (let hops = 0; ; hops++) {
    const response = await fetch(current, { signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!REDIRECT.has(response.status) || location === null) return response;
    await response.body?.cancel();
    if (hops === MAX_REDIRECTS) {
      throw new DownloadError('http-status', `Discord did not return the file (too many redirects)`);
    }
    current = checkedUrl(new URL(location, current).href, options);
  }
}

function checkedUrl(url: string, options: DownloadOptions): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DownloadError('refused-url', 'The attachment link is not a valid address');
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && options.allowLocalHttp && LOCAL_HOSTS.has(parsed.hostname))
    return parsed;
  throw new DownloadError(
    'refused-url',
    `Only https:// attachment links are downloaded, not ${parsed.protocol}//`,
  );
}

/** "512 KiB", "8 MiB" or "1000 bytes": the limit as a member would say it. */
function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The system's short reason for a failed request ("ECONNREFUSED"), which fetch hides in `cause`. */
function networkReason(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as NodeJS.ErrnoException | undefined) : undefined;
  if (cause?.code) return cause.code;
  return err instanceof Error ? err.message : String(err);
}
