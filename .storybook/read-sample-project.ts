// Prints the committed sample project (packages/demo-server/sample/wandb) as a Dataset in JSON,
// read through the local source from its real .wandb files: image sets and every scalar. Image bytes are left out: stories
// load them from the static routes that main.ts maps onto each run's files folder. Run through
// tsx with `--conditions=source` (see sample-project-plugin.ts).
import type { Dataset, DatasetRun, HistoryRow, ImageSet, Run, RunSource } from '@run-comparer/wandb-client';
import { MAX_HISTORY_SAMPLES, toWandbJson } from '@run-comparer/wandb-client';
import { openLocalRuns } from '@run-comparer/wandb-client/local';
import { SAMPLE_ENTITY, SAMPLE_PROJECT } from '@run-comparer/sample-project';

/** The history value wandb logs for an image set (what the memory source parses back). */
function loggedValue(set: ImageSet): Record<string, unknown> | null {
  const [first] = set.images;
  if (!first) return null;
  const size = { width: first.width, height: first.height, format: first.format };
  if (set.type === 'image-file') {
    return { _type: 'image-file', path: first.path, caption: first.caption, sha256: first.sha256, ...size };
  }
  return {
    _type: 'images/separated',
    ...size,
    count: set.images.length,
    filenames: set.images.map((image) => image.path),
    captions: set.images.map((image) => image.caption ?? ''),
  };
}

async function datasetRun(source: RunSource, run: Run): Promise<DatasetRun> {
  const ref = { entity: run.entity, project: run.project, runId: run.id };
  const [index] = await source.index([ref], { keys: await source.keys(ref) });
  if (!index || index.error) throw new Error(`Run ${run.id} could not be indexed: ${index?.error?.message}`);
  const rows = new Map<number, HistoryRow>();
  for (const set of Object.values(index.byKey).flat()) {
    const value = loggedValue(set);
    if (!value) continue;
    const row = rows.get(set.step) ?? { _step: set.step };
    row[set.key] = value;
    rows.set(set.step, row);
  }
  // The scalars (train/loss, epoch, eval/fid, ...) at every step they were logged, for metric and axis stories.
  const scalarKeys = await source.scalarKeys(ref);
  const { byKey } = await source.history(ref, { keys: scalarKeys, samples: MAX_HISTORY_SAMPLES });
  for (const [key, { points, sampled }] of Object.entries(byKey)) {
    if (sampled) throw new Error(`Run ${run.id} logged ${key} more often than a story needs; sample it.`);
    for (const [step, value] of points) {
      const row = rows.get(step) ?? { _step: step };
      row[key] = value;
      rows.set(step, row);
    }
  }
  // Metrics went on after the last image: keep the run's last step.
  if (run.lastStep !== null && !rows.has(run.lastStep)) rows.set(run.lastStep, { _step: run.lastStep });
  return {
    id: run.id,
    displayName: run.displayName,
    state: run.state,
    createdAt: run.createdAt,
    heartbeatAt: run.heartbeatAt,
    user: run.user,
    tags: run.tags,
    group: run.group,
    jobType: run.jobType,
    notes: run.notes,
    config: run.config,
    summary: run.summary,
    history: [...rows.values()].sort((a, b) => a._step - b._step),
  };
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: read-sample-project.ts <wandb directory>');
const source = openLocalRuns({ dir });
const { runs } = await source.list({ entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT, perPage: 1000 });
if (runs.length === 0) throw new Error(`No runs of ${SAMPLE_ENTITY}/${SAMPLE_PROJECT} in ${dir}.`);
const dataset: Dataset = {
  entity: SAMPLE_ENTITY,
  project: SAMPLE_PROJECT,
  runs: await Promise.all(runs.map((run) => datasetRun(source, run))),
};
// wandb's JSON: a diverged loss stays NaN (a bare token, which the module that embeds this reads as JavaScript).
process.stdout.write(toWandbJson(dataset, { compact: true }));
