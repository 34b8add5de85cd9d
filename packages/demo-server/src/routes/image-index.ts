import type { RequestHandler } from 'express';
import { upstream, type ApiContext } from '../api/context.js';
import { indexBody, parse } from '../api/params.js';

/** The image index of many runs of one project, from one upstream call. */
export function indexImages(ctx: ApiContext): RequestHandler {
  return async (req, res) => {
    const { entity, project, runIds, keys } = parse(indexBody, req.body, 'body');
    const refs = [...new Set(runIds)].map((runId) => ({ entity, project, runId }));
    const runs = await upstream(ctx, res, `Indexing ${refs.length} runs`, (signal) =>
      ctx.source.index(refs, { keys }, { signal }),
    );
    res.json({ runs });
  };
}
