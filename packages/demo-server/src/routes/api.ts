import { Router, type RequestHandler } from 'express';
import type { ApiContext } from '../api/context.js';
import { checkRunRef } from '../api/run-ref.js';
import { ApiError } from '../errors.js';
import { health } from './health.js';
import { getHistory, getHistoryAt, getScalarKeys } from './history.js';
import { indexImages } from './image-index.js';
import { getMedia } from './media.js';
import { checkMedia, getImageKeys, getImages, getRun, getSteps, listRuns } from './runs.js';

/**
 * The JSON API (mounted at /api): every route, in the order of the package README. A route that
 * names a run has its `:entity/:project/:runId` checked once, by {@link checkRunRef}, before its
 * handler runs. A request no route takes gets {@link unknownApiRoute}.
 */
export function apiRoutes(ctx: ApiContext): Router {
  const api = Router();
  api.param('runId', checkRunRef);
  api.get('/health', health(ctx));
  api.get('/projects/:entity/:project/runs', listRuns(ctx));
  api.get('/runs/:entity/:project/:runId', getRun(ctx));
  api.get('/runs/:entity/:project/:runId/image-keys', getImageKeys(ctx));
  api.get('/runs/:entity/:project/:runId/steps', getSteps(ctx));
  api.get('/runs/:entity/:project/:runId/images', getImages(ctx));
  api.get('/runs/:entity/:project/:runId/scalar-keys', getScalarKeys(ctx));
  api.get('/runs/:entity/:project/:runId/history', getHistory(ctx));
  api.get('/runs/:entity/:project/:runId/history/at', getHistoryAt(ctx));
  api.post('/index', indexImages(ctx));
  api.get('/media/:entity/:project/:runId/*path', getMedia(ctx));
  api.post('/runs/:entity/:project/:runId/media', checkMedia(ctx));
  return api;
}

/**
 * A 404 naming the method and path. Mounted after {@link apiRoutes}, not inside it, so that the
 * router still answers `OPTIONS` for a path it has routes for.
 */
export const unknownApiRoute: RequestHandler = (req) => {
  throw new ApiError(
    404,
    'not_found',
    `There is no API route ${req.method} ${req.path}; see the README for the routes.`,
  );
};
