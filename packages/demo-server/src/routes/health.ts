import { Router } from 'express';
import type { ApiContext } from '../api/context.js';

/** Liveness and what the server serves: the source kind and default project, never a credential. */
export function healthRouter(ctx: ApiContext): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({
      ok: true,
      source: { kind: ctx.source.kind, description: ctx.sourceDescription },
      defaults: ctx.defaults,
    });
  });
  return router;
}
