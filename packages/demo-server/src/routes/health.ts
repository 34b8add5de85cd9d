import type { RequestHandler } from 'express';
import type { ApiContext } from '../api/context.js';

/** Liveness and what the server serves: the source kind and default project, never a credential. */
export function health(ctx: ApiContext): RequestHandler {
  return (_req, res) => {
    res.set('Cache-Control', 'no-store').json({
      ok: true,
      source: { kind: ctx.source.kind, description: ctx.sourceDescription },
      defaults: ctx.defaults,
    });
  };
}
