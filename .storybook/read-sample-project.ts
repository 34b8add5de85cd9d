// Prints the committed sample project (packages/demo-server/sample/wandb) as a Dataset in JSON,
// read through the local source from its real .wandb files: image sets and every scalar. Image bytes are left out: stories
// load them from the static routes that main.ts maps onto each run's files folder. Run through
// tsx with `--conditions=source` (see sample-project-plugin.ts).
import type { Dataset, DatasetRun, HistoryRow, ImageRef, ImageSet, Run, RunSource } from '@run-comparer/wandb-client';
import { MAX_HISTORY_SAMPLES, toWandbJson } from '@run-comparer/wandb-client';
import { openLocalRuns } from '@run-comparer/wandb-client/local';
import { SAMPLE_ENTITY, SAMPLE_PROJECT } from '@run-comparer/sample-project';

/** The `boxes` and `masks` fields wandb logs for an image's overlays (file-backed layers only). */
function overlayFields(image: ImageRef): Record<string, unknown> {
  const { boxes = [], masks = [] } = image.overlays ?? {};
  return {
    ...(boxes.length > 0
      ? { boxes: Object.fromEntries(boxes.map((layer) => [layer.name, { _type: 'boxes2D', path: layer.path }])) }
      : {}),
    ...(masks.length > 0
      ? { masks: Object.fromEntries(masks.map((layer) => [layer.name, { _type: 'mask', path: layer.path }])) }
      : {}),
  };
}

/** The history value wandb logs for an image set (what the memory source parses back). */
function loggedValue(set: ImageSet): Record<string, unknown> | null {
  const [first] = set.images;
  if (!first) return null;
  const { path, caption, sha256, width, height, format } = first;
  // A video's value has no `format`; an image's carries its boxes and masks.
  if (set.type === 'video-file') return { _type: set.type, path, caption, sha256, width, height };
  if (set.type === 'image-file') {
    return { _type: set.type, path, caption, sha256, width, height, format, ...overlayFields(first) };
  }
  return {
    _type: 'images/separated',
    width,
    height,
    format,
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
    // A key logged only in the summary stays there (the summary below holds its value).
    if (set.fromSummary) continue;
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
    config: { ...run.config, ...classLabelConfig(run) },
    summary: run.summary,
    history: [...rows.values()].sort((a, b) => a._step - b._step),
  };
}

/** The run config's `_wandb` entry that holds the class labels of its boxes and masks, as wandb keeps them. */
function classLabelConfig(run: Run): Record<string, unknown> {
  if (!run.classLabels) return {};
  const entries = (kind: 'boxes' | 'masks', type: string) =>
    Object.fromEntries(
      Object.entries(run.classLabels![kind]).flatMap(([key, layers]) =>
        Object.entries(layers).map(([layer, labels]) => {
          const name = `${key}_wandb_delimeter_${layer}`;
          return [name, { type, key: name, value: Object.fromEntries(labels.map((l) => [l.id, l.name])) }];
        }),
      ),
    );
  return {
    _wandb: {
      'bounding_box/class_labels': entries('boxes', 'bounding_box/class_labels'),
      'mask/class_labels': entries('masks', 'mask/class_labels'),
    },
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
