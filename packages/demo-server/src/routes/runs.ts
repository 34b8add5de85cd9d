import type { RequestHandler, Response } from 'express';
import type { RunRef } from '@run-comparer/wandb-client';
import { upstream, type ApiContext } from '../api/context.js';
import { imagesQuery, listQuery, mediaCheckBody, parse, projectParams, stepsQuery } from '../api/params.js';
import { runRefOf } from '../api/run-ref.js';
import { notFound } from '../errors.js';
import { checkMediaPath } from '../media/media-path.js';

/** A page of a project's runs. */
export function listRuns(ctx: ApiContext): RequestHandler {
  return async (req, res) => {
    const project = parse(projectParams, req.params, 'project');
    const query = parse(listQuery, req.query, 'query');
    const page = await upstream(ctx, res, 'Listing runs', (signal) =>
      ctx.source.list({ ...project, ...query }, { signal }),
    );
    res.json(page);
  };
}

/** One run. */
export function getRun(ctx: ApiContext): RequestHandler {
  return async (_req, res) => {
    const ref = runRefOf(res);
    res.json(await upstream(ctx, res, `Reading run ${ref.runId}`, (signal) => ctx.source.get(ref, { signal })));
  };
}

/** The history keys of a run that hold images. */
export function getImageKeys(ctx: ApiContext): RequestHandler {
  return async (_req, res) => {
    const ref = runRefOf(res);
    const keys = await upstream(ctx, res, `Reading the image keys of run ${ref.runId}`, (signal) =>
      ctx.source.keys(ref, { signal }),
    );
    res.json({ keys });
  };
}

/** The steps at which a run's keys hold images. */
export function getSteps(ctx: ApiContext): RequestHandler {
  return async (req, res) => {
    const ref = runRefOf(res);
    const { keys, missing, axis } = parse(stepsQuery, req.query, 'query');
    if (missing !== 'empty') await checkKeysExist(ctx, res, ref, keys);
    res.json(
      await upstream(ctx, res, `Reading the steps of run ${ref.runId}`, (signal) =>
        ctx.source.steps(ref, { keys, ...(axis === undefined ? {} : { axis }) }, { signal }),
      ),
    );
  };
}

/** The images of a run's keys at exactly one step. */
export function getImages(ctx: ApiContext): RequestHandler {
  return async (req, res) => {
    const ref = runRefOf(res);
    const { keys, step, missing } = parse(imagesQuery, req.query, 'query');
    if (missing !== 'empty') await checkKeysExist(ctx, res, ref, keys);
    const sets = await upstream(ctx, res, `Reading the images of run ${ref.runId} at step ${step}`, (signal) =>
      ctx.source.at(ref, { keys, step }, { signal }),
    );
    const paths = sets.flatMap((set) => set.images.map((image) => image.path));
    ctx.media.stepAnswered(ref, paths);
    res.json({ step, sets });
  };
}

/**
 * Which paths of the run have a file, checked in one call (the HTTP source asks for paths it has
 * not seen, and again for one whose image failed to load): per path, a URL or why there is none.
 */
export function checkMedia(ctx: ApiContext): RequestHandler {
  return async (req, res) => {
    const ref = runRefOf(res);
    const { paths, refresh } = parse(mediaCheckBody, req.body, 'body');
    const checked = paths.map((path) => checkMediaPath(path.split('/')).path);
    const answers = await upstream(ctx, res, `Checking media of run ${ref.runId}`, (signal) =>
      ctx.source.mediaUrl(ref, checked, { signal, refresh: refresh ?? false }),
    );
    const base = `${req.baseUrl}/media/${[ref.entity, ref.project, ref.runId].map(encodeURIComponent).join('/')}`;
    res.json({
      media: answers.map((answer) =>
        answer.missing
          ? answer
          : {
              path: answer.path,
              url: `${base}/${answer.path.split('/').map(encodeURIComponent).join('/')}`,
              expiresAt: null,
              missing: null,
            },
      ),
    });
  };
}

async function checkKeysExist(ctx: ApiContext, res: Response, ref: RunRef, keys: string[]): Promise<void> {
  const known = await upstream(ctx, res, `Reading the image keys of run ${ref.runId}`, (signal) =>
    ctx.source.keys(ref, { signal }),
  );
  const unknown = keys.find((key) => !known.includes(key));
  if (unknown === undefined) return;
  const listed =
    known.length > 0
      ? `Its image keys are: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}.`
      : 'It logged no images.';
  throw notFound(
    'key',
    unknown,
    `Run ${ref.runId} has no image key "${unknown}". ${listed} (Pass missing=empty to get empty results for keys a run never logged.)`,
  );
}
