/**
 * One GET of a JSON document (a key set, or authorization server metadata), with
 * every limit a remote document needs: a timeout through an AbortSignal that also
 * bounds a custom fetch that ignores it, status 200 only, no redirect followed, a
 * body of at most 512 KiB refused while streaming, strict UTF-8 JSON. Anything
 * else is a JWTError: `ERR_JWKS_TIMEOUT`, or `ERR_JWKS_FETCH_FAILED` with the
 * HTTP `status` when there was one.
 */

import { JWTError } from '../../errors.js';
import type { JWKSFetch, JWKSFetchInit, JWKSFetchResponse } from '../../types.js';
import { parseJSONObject } from '../json.js';
import { decodeUTF8 } from '../utf8.js';

/** The largest body read (jose uses no limit; real key sets are a few KiB, metadata a few more). */
export const MAX_BODY_BYTES = 524_288; // 512 KiB

export interface GetJSONOptions {
  fetch: JWKSFetch | undefined;
  headers: Readonly<Record<string, string>>;
  /** Milliseconds. */
  timeout: number;
  /** What is fetched, for messages: "the key set at https://…". */
  what: string;
}

export interface FetchedJSON {
  value: Record<string, unknown>;
  headers: JWKSFetchResponse['headers'];
}

/**
 * Starts the GET. Returns at once with the request's signal (which
 * sameRequest() reads: see remote.ts) and the outcome, which settles within
 * `timeout` whatever `fetch` does.
 */
export function getJSON(url: URL, options: GetJSONOptions): { signal: AbortSignal; result: Promise<FetchedJSON> } {
  const controller = new AbortController();
  // Cleared when the request settles: a process that verified one token exits at once.
  const timer = setTimeout(() => controller.abort(), options.timeout);
  const result = request(url, options, controller.signal).finally(() => clearTimeout(timer));
  return { signal: controller.signal, result };
}

async function request(url: URL, options: GetJSONOptions, signal: AbortSignal): Promise<FetchedJSON> {
  const { what } = options;
  const init: JWKSFetchInit = { method: 'GET', headers: { ...options.headers }, redirect: 'manual', signal };
  try {
    // A custom fetch may throw synchronously, or never settle: both end here, the latter at the timeout.
    const pending = Promise.resolve().then(() => (options.fetch ? options.fetch(url.href, init) : globalThis.fetch(url.href, init)));
    pending.then((late) => signal.aborted && discard(late), () => {}); // a response that comes after the timeout is let go
    const response = await untilAborted(pending, signal);
    // RFC 7517 §5 defines no redirects, and a key set must come from the URL configured: 3xx is a failure
    // (a browser's opaque redirect is status 0, which carries no status worth reporting).
    if (response.status !== 200) {
      discard(response);
      throw failed(`${what} answered HTTP ${response.status}, not 200`, response.status || undefined);
    }
    const text = decodeUTF8(await readBody(response, signal, what));
    const value = text === undefined ? undefined : parseJSONObject(text);
    if (!value) throw failed(`${what} is not a JSON object (UTF-8, without duplicate names)`);
    return { value, headers: response.headers };
  } catch (error) {
    if (signal.aborted) throw new JWTError('ERR_JWKS_TIMEOUT', `${what} did not answer within ${options.timeout} ms`);
    if (error instanceof JWTError) throw error;
    throw new JWTError('ERR_JWKS_FETCH_FAILED', `${what} could not be fetched`, { cause: error });
  }
}

/** The body, read chunk by chunk: an oversized one is refused as soon as it passes the limit. */
async function readBody(response: JWKSFetchResponse, signal: AbortSignal, what: string): Promise<Uint8Array> {
  const tooLarge = () => failed(`${what} is larger than ${MAX_BODY_BYTES / 1024} KiB`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) {
    discard(response);
    throw tooLarge();
  }
  if (!response.body) throw failed(`${what} has no body`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal);
      if (done) break;
      if (!(value instanceof Uint8Array)) throw failed(`${what} is not a byte stream`);
      size += value.length;
      if (size > MAX_BODY_BYTES) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

/** Settles as `promise` does, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Lets a response go without reading it (Node and Deno keep the connection otherwise). */
function discard(response: JWKSFetchResponse): void {
  try {
    response.body?.cancel().catch(() => {});
  } catch {
    // a locked or already cancelled body: nothing to let go
  }
}

const failed = (message: string, status?: number) =>
  new JWTError('ERR_JWKS_FETCH_FAILED', message, status === undefined ? {} : { status });
