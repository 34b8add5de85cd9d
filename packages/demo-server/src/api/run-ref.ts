import type { RequestParamHandler, Response } from 'express';
import type { RunRef } from '@run-comparer/wandb-client';
import { parse, runParams } from './params.js';

/**
 * Checks `:entity/:project/:runId` once for every route that names a run, before its handler
 * (`router.param('runId', checkRunRef)`); the handler reads the checked ref with {@link runRefOf}.
 */
export const checkRunRef: RequestParamHandler = (req, res, next) => {
  res.locals.runRef = parse(runParams, req.params, 'run');
  next();
};

/** The run a route names, as {@link checkRunRef} checked it. */
export function runRefOf(res: Response): RunRef {
  const ref = res.locals.runRef as RunRef | undefined;
  if (!ref) throw new Error('runRefOf: the route has no :runId checked by checkRunRef.');
  return ref;
}
