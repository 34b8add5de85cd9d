import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/** Query parameters worth a log line; anything else (tokens, cursors, searches) stays out. */
const LOGGED_QUERY = new Set(['perPage', 'order', 'step', 'w', 'keys', 'missing']);

/** One JSON line per request: method, path (no query string), status, milliseconds, body bytes. */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    let bytes = 0;
    const count = (chunk: unknown, encoding?: unknown) => {
      if (typeof chunk === 'string')
        bytes += Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
    };
    const { write, end } = res;
    res.write = function (this: typeof res, chunk: unknown, ...rest: unknown[]) {
      count(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof res.write;
    res.end = function (this: typeof res, chunk?: unknown, ...rest: unknown[]) {
      if (typeof chunk !== 'function') count(chunk, rest[0]);
      return (end as (...args: unknown[]) => typeof res).call(this, chunk, ...rest);
    } as typeof res.end;

    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const aborted = !res.writableFinished;
      logger.info('request', {
        method: req.method,
        path: req.originalUrl.split('?')[0]!.slice(0, 512),
        ...loggedQuery(req.query),
        status: aborted ? 499 : res.statusCode,
        ms: Math.round(ms * 10) / 10,
        bytes,
        ...(aborted ? { aborted: true } : {}),
      });
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}

function loggedQuery(query: unknown): { query?: Record<string, unknown> } {
  if (typeof query !== 'object' || query === null) return {};
  const kept = Object.entries(query).filter(([key]) => LOGGED_QUERY.has(key));
  return kept.length > 0 ? { query: Object.fromEntries(kept) } : {};
}
