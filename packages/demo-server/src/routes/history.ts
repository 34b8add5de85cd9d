import type { RequestHandler } from 'express';
import { upstream, type ApiContext } from '../api/context.js';
import { historyAtQuery, historyQuery, parse } from '../api/params.js';
import { runRefOf } from '../api/run-ref.js';

/** The history keys of a run that hold numbers: metrics and axis candidates. */
export function getScalarKeys(ctx: ApiContext): RequestHandler {
  return async (_req, res) => {
    const ref = runRefOf(res);
    const keys = await upstream(ctx, res, `Reading the scalar keys of run ${ref.runId}`, (signal) =>
      ctx.source.scalarKeys(ref, { signal }),
    );
    res.json({ keys });
  };
}

/** Per key, a run's scalar history sampled down to `samples` points (500 by default). */
export function getHistory(ctx: ApiContext): RequestHandler {
  return async (req, res) => {
    const ref = runRefOf(res);
    const { keys, samples } = parse(historyQuery, req.query, 'query');
    res.json(
      await upstream(ctx, res, `Reading the history of run ${ref.runId}`, (signal) =>
        ctx.source.history(ref, { keys, ...(samples === undefined ? {} : { samples }) }, { signal }),
      ),
    );
  };
}

/** Per key, the value at a step or the nearest earlier step that logged one. */
export function getHistoryAt(ctx: ApiContext): RequestHandler {
  return async (req, res) => {
    const ref = runRefOf(res);
    const { keys, step } = parse(historyAtQuery, req.query, 'query');
    res.json(
      await upstream(ctx, res, `Reading the history of run ${ref.runId} at step ${step}`, (signal) =>
        ctx.source.historyAt(ref, { keys, step }, { signal }),
      ),
    );
  };
}
