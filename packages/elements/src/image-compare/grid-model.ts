import type { ImageRef, ImageSet, RunRef } from '@run-comparer/wandb-client';
import { nearestAtOrBefore } from '../data/step-lookup.js';
import type { StepAxisChoice } from '../context/selection-store.js';
import type { ViewerData } from '../data/viewer-data.js';
import type { ViewerRun } from '../data/viewer-runs.js';

/** How the images of a list line up in columns: by list position, or by caption (prompt). */
export type Align = 'index' | 'caption';

export interface GridColumn {
  id: string;
  key: string;
  /** Header text: `#2` by position, the caption (prompt) by caption. */
  label: string;
}

export interface KeyGroup {
  key: string;
  columns: GridColumn[];
  /** Whether the columns need their own header row (lists, or caption alignment). */
  labelled: boolean;
}

export type GridCell =
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown; retry: () => void }
  | { kind: 'missing' }
  | { kind: 'blank' }
  | { kind: 'unsupported'; message: string }
  | { kind: 'image'; key: string; image: ImageRef; step: number; listed: boolean; earlier: boolean };

export interface GridRow {
  run: ViewerRun;
  /** Cells left to right; a cell spans `span` columns (a whole key when the run has nothing there). */
  cells: Array<{ cell: GridCell; span: number; column: number }>;
}

export interface GridModel {
  step: number;
  /** The step axis `step` is on (null: `_step`). */
  axis: StepAxisChoice | null;
  groups: KeyGroup[];
  rows: GridRow[];
  loading: boolean;
  images: number;
  errors: number;
}

type Resolved =
  | Exclude<GridCell, { kind: 'image' } | { kind: 'blank' }>
  | { kind: 'set'; set: ImageSet; step: number; earlier: boolean };

/**
 * Where one run stands for one key at `x` (on `axis`, the image step it has there): the set at the
 * nearest step at or before it. Before the run's steps are known, a set read at exactly that step
 * (the visible step, asked for first) shows.
 */
function resolve(data: ViewerData, ref: RunRef, key: string, x: number, axis: StepAxisChoice | null): Resolved {
  const place = axis ? axis.placement?.at(ref, x) : { step: x, exact: true };
  if (place === undefined) return { kind: 'loading' };
  if (place === null) return { kind: 'missing' };
  const step = place.step;
  const stepsId = data.stepsId(ref, key);
  const stepsError = data.steps.error(stepsId);
  if (stepsError !== undefined) return { kind: 'error', error: stepsError, retry: () => data.steps.forget([stepsId]) };
  const steps = data.stepsOf(ref, key);
  const exact = steps ? undefined : data.sets.peek(data.setId(ref, key, step));
  if (!steps && !exact?.unsupported && !exact?.images.length) return { kind: 'loading' };
  const at = steps ? nearestAtOrBefore(steps, step) : step;
  if (at === null) return { kind: 'missing' };
  const setId = data.setId(ref, key, at);
  const setError = data.sets.error(setId);
  if (setError !== undefined) return { kind: 'error', error: setError, retry: () => data.sets.forget([setId]) };
  const set = data.sets.peek(setId);
  if (set === undefined) return { kind: 'loading' };
  if (set === null || (!set.unsupported && !set.images.length)) return { kind: 'missing' };
  if (set.unsupported) return { kind: 'unsupported', message: set.unsupported };
  return { kind: 'set', set, step: at, earlier: at !== step || !place.exact };
}

/** Each image of a set with the id of the column it belongs in. */
export function columnIds(set: ImageSet, align: Align): Array<{ id: string; label: string; image: ImageRef }> {
  const seen = new Map<string, number>();
  return set.images.map((image) => {
    if (align === 'caption' && image.caption !== null) {
      const occurrence = seen.get(image.caption) ?? 0;
      seen.set(image.caption, occurrence + 1);
      const label = occurrence ? `${image.caption} (${occurrence + 1})` : image.caption;
      return { id: `${set.key}\nc\n${image.caption}\n${occurrence}`, label, image };
    }
    return { id: `${set.key}\n#${image.index}`, label: `#${image.index + 1}`, image };
  });
}

/** The column groups of the grid: a group per key, a column per image position (or caption) any run has there. */
function groupsOf(resolved: Resolved[][], keys: string[], align: Align): KeyGroup[] {
  return keys.map((key, k): KeyGroup => {
    const columns = new Map<string, GridColumn>();
    for (const row of resolved) {
      const r = row[k]!;
      if (r.kind === 'set')
        for (const { id, label } of columnIds(r.set, align)) if (!columns.has(id)) columns.set(id, { id, key, label });
    }
    const list = [...columns.values()];
    if (align === 'index') list.sort((a, b) => Number(a.id.split('#').pop()) - Number(b.id.split('#').pop()));
    const labelled = list.length > 1 || (align === 'caption' && list.length > 0);
    if (!list.length) list.push({ id: `${key}\n#0`, key, label: '' });
    return { key, columns: list, labelled };
  });
}

/** One run's row laid out in `groups`; null when an image of it has no column there. */
function layoutRow(run: ViewerRun, resolved: Resolved[], groups: KeyGroup[], align: Align): GridRow | null {
  const cells: GridRow['cells'] = [];
  let column = 0;
  for (const [k, group] of groups.entries()) {
    const res = resolved[k]!;
    if (res.kind !== 'set') cells.push({ cell: res, span: group.columns.length, column });
    else {
      const byId = new Map(columnIds(res.set, align).map((c) => [c.id, c.image]));
      const listed = res.set.images.length > 1 || group.columns.length > 1;
      group.columns.forEach((col, i) => {
        const image = byId.get(col.id);
        byId.delete(col.id);
        cells.push({
          cell: image
            ? { kind: 'image', key: group.key, image, step: res.step, listed, earlier: res.earlier }
            : { kind: 'blank' },
          span: 1,
          column: column + i,
        });
      });
      if (byId.size) return null;
    }
    column += group.columns.length;
  }
  return { run, cells };
}

/**
 * The grid at `step`: a row per run, a group of columns per key, a column per image of the lists
 * (by position or by caption), and for each cell what to show. Pure: reads only what `data`
 * holds, so a late answer for another step can never show up here.
 */
export function buildGrid(
  data: ViewerData,
  runs: ViewerRun[],
  keys: string[],
  step: number,
  align: Align,
  axis: StepAxisChoice | null = null,
): GridModel {
  const resolved = runs.map((run) => keys.map((key) => resolve(data, run.ref, key, step, axis)));
  const groups = groupsOf(resolved, keys, align);
  let loading = false;
  let errors = 0;
  const rows = runs.map((run, r): GridRow => {
    for (const res of resolved[r]!) {
      loading ||= res.kind === 'loading';
      if (res.kind === 'error') errors++;
    }
    return layoutRow(run, resolved[r]!, groups, align)!;
  });
  const images = rows.reduce((n, row) => n + row.cells.filter(({ cell }) => cell.kind === 'image').length, 0);
  return { step, axis, groups, rows, loading, images, errors };
}

/**
 * One run's row at another `step`, laid out in the columns of the grid shown (`groups`): what a
 * row keeps showing while the images of the current step load. Null when its images would not
 * fit those columns (other captions), or its data is gone.
 */
export function rowAt(
  data: ViewerData,
  run: ViewerRun,
  keys: string[],
  step: number,
  align: Align,
  groups: KeyGroup[],
  axis: StepAxisChoice | null = null,
): GridRow | null {
  return layoutRow(
    run,
    keys.map((key) => resolve(data, run.ref, key, step, axis)),
    groups,
    align,
  );
}

/** What `<image-compare>` shows: why there is nothing to show, or the grid. */
export type GridView =
  | { kind: 'message'; title: string; detail: string }
  | {
      kind: 'grid';
      data: ViewerData;
      grid: GridModel;
      step: number;
      /** The latest step any run logged under the keys, once known. */
      latest: number | undefined;
    };

/** The view of `runs` × `keys` at step `selected` (null: the latest) from what `data` holds now (none: no source). */
export function viewGrid(
  data: ViewerData | undefined,
  runs: ViewerRun[],
  keys: string[],
  selected: number | null,
  align: Align,
  axis: StepAxisChoice | null = null,
): GridView {
  const message = (title: string, detail: string): GridView => ({ kind: 'message', title, detail });
  if (!data) return message('No image source', 'Place this element inside <wandb-source>, or set its source property.');
  if (!runs.length || !keys.length) {
    return message('Select runs and image keys', 'Choose one or more runs and at least one image key to compare.');
  }
  let latest: number | undefined;
  for (const run of runs)
    for (const key of keys) {
      const last = data.stepsOf(run.ref, key)?.at(-1);
      if (last !== undefined && (latest === undefined || last > latest)) latest = last;
    }
  const step = selected ?? latest ?? Number.MAX_SAFE_INTEGER;
  const grid = buildGrid(data, runs, keys, step, align, axis);
  if (!grid.loading && !grid.errors && !grid.images) {
    return latest === undefined
      ? message('No images logged under these keys yet', 'Pick other image keys, or wait for the runs to log images.')
      : message(
          `No images logged under these keys at or before step ${step}`,
          'Pick a later step or other image keys.',
        );
  }
  return { kind: 'grid', data, grid, step, latest };
}
