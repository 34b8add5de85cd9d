import { open, realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFoundError, UpstreamError } from '@run-comparer/wandb-client';
import { tooLarge } from '../errors.js';

export interface LoadOptions {
  signal: AbortSignal;
  maxBytes: number;
  fetch: typeof fetch;
}

/** Storage refused a signed URL (it expired, or its signature no longer holds): ask the source for a fresh one. */
export class ExpiredUrlError extends Error {
  constructor(
    path: string,
    readonly status: number,
  ) {
    super(path);
  }
}

/**
 * Answers that mean "sign again": GCS refuses an expired V4 signature with 400 `ExpiredToken`
 * (XML body), a bad one with 403 `SignatureDoesNotMatch`; S3 says 403 for both; a CDN in front
 * of storage may say 401 `AuthenticationRequired`.
 */
async function refusesSignature(response: Response): Promise<boolean> {
  if (response.status === 401 || response.status === 403) return true;
  if (response.status !== 400) return false;
  const text = await response.text().catch(() => '');
  return /<Code>\s*(ExpiredToken|ExpiredRequest|AccessDenied|MalformedSecurityHeader)\s*<\/Code>/i.test(
    text.slice(0, 4096),
  );
}

/**
 * The bytes behind a media URL from a source: `data:` (memory), `file:` (a local run directory),
 * or `http(s):` (a signed storage URL, fetched without any credentials).
 */
export async function loadMediaUrl(url: string, path: string, options: LoadOptions): Promise<Uint8Array> {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme === 'data:') return decodeDataUrl(url, path, options.maxBytes);
  if (scheme === 'file:') return readRunFile(fileURLToPath(url), path, options.maxBytes);
  if (scheme === 'http:' || scheme === 'https:') return fetchSigned(url, path, options);
  throw new UpstreamError(
    `The source gave a media URL this server cannot load (${scheme || 'no scheme'}) for "${path}".`,
  );
}

function decodeDataUrl(url: string, path: string, maxBytes: number): Uint8Array {
  const comma = url.indexOf(',');
  const meta = url.slice(5, comma);
  const data = url.slice(comma + 1);
  const bytes = meta.endsWith(';base64')
    ? Buffer.from(data, 'base64')
    : Buffer.from(decodeURIComponent(data), 'latin1');
  if (bytes.byteLength > maxBytes) throw tooLarge(path, maxBytes);
  return bytes;
}

/** Read a run file, refusing one that is not `<run files>/<path>` or that a link leads outside of. */
async function readRunFile(file: string, path: string, maxBytes: number): Promise<Uint8Array> {
  const suffix = sep + path.split('/').join(sep);
  if (!file.endsWith(suffix)) throw new UpstreamError(`The source mapped "${path}" to a file outside the run's media.`);
  const root = file.slice(0, file.length - suffix.length) || sep;
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
  } catch {
    throw new NotFoundError('file', path, `The run has no file "${path}" on disk.`);
  }
  if (!real.startsWith(realRoot + sep))
    throw new NotFoundError('file', path, `"${path}" leads outside the run's files.`);
  const handle = await open(real, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooLarge(path, maxBytes);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

async function fetchSigned(url: string, path: string, options: LoadOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await options.fetch(url, { signal: options.signal, redirect: 'follow', credentials: 'omit' });
  } catch (error) {
    if (options.signal.aborted) throw options.signal.reason;
    throw new UpstreamError(`Could not download "${path}" from storage: ${(error as Error).message}`);
  }
  if (await refusesSignature(response)) {
    await response.body?.cancel().catch(() => {});
    throw new ExpiredUrlError(path, response.status);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    throw new NotFoundError(
      'file',
      path,
      `Storage has no file "${path}" (yet): the run may not have uploaded it, or is still uploading it.`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new UpstreamError(`Storage answered ${response.status} for "${path}".`, { status: response.status });
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > options.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(path, options.maxBytes);
  }
  return readCapped(response, path, options.maxBytes);
}

async function readCapped(response: Response, path: string, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw tooLarge(path, maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
