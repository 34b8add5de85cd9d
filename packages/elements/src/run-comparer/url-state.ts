import type { ProjectRef } from '@run-comparer/wandb-client';
import type { CompareTarget, Selection } from '../context/selection-store.js';
import { validAlign, type Align } from './align.js';
import { sampleParam, writeSample, type Sample } from './evolution-view.js';

/** What a link to a comparer view holds: enough to reopen exactly the same view. */
export interface ViewState {
  project: ProjectRef | null;
  /** Run ids in selection order (their colours follow that order). */
  runs: string[];
  keys: string[];
  step: number | null;
  compare: CompareTarget[];
  detail: CompareTarget | null;
  /** How lists line up, when chosen by hand (null: the comparer picks). */
  align: Align | null;
  /** The step axis when not `_step` (e.g. `epoch`); `step` is then a value on it. */
  axis?: string | null;
  /** The sample the evolution view follows (null: the grid shows). */
  sample?: Sample | null;
}

/** The query parameters the comparer owns; any others on the page's URL are left alone. */
const PARAMS = ['entity', 'project', 'run', 'key', 'step', 'compare', 'detail', 'align'] as const;

export function viewStateOf(selection: Selection, align: Align | null = null, sample: Sample | null = null): ViewState {
  return {
    project: selection.project,
    runs: selection.runs.map((r) => r.ref.runId),
    keys: [...selection.keys],
    step: selection.step,
    compare: [...selection.compare],
    detail: selection.detail,
    align,
    axis: selection.axis?.key ?? null,
    sample,
  };
}

/** Read a view from a query string; malformed values are skipped, never thrown. */
export function readViewState(params: URLSearchParams): ViewState {
  const entity = params.get('entity');
  const project = params.get('project');
  const axis = params.get('axis');
  // On an axis such as `epoch` the position may be fractional (3.6); `_step` is a whole number.
  const step = axis ? finiteNumber(params.get('step')) : wholeNumber(params.get('step'));
  return {
    project: entity && project ? { entity, project } : null,
    runs: unique(params.getAll('run').filter(Boolean)),
    keys: unique(params.getAll('key').filter(Boolean)),
    step,
    compare: params
      .getAll('compare')
      .flatMap((value) => targetOf(value) ?? [])
      .slice(0, 2),
    detail: targetOf(params.get('detail')),
    align: validAlign(params.get('align')),
    ...(axis ? { axis } : {}),
    ...sampleParam(params),
  };
}

/** The query string for a view, keeping the parameters that belong to the page. */
export function writeViewState(state: ViewState, current: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(current);
  for (const name of PARAMS) params.delete(name);
  if (state.project) {
    params.set('entity', state.project.entity);
    params.set('project', state.project.project);
  }
  for (const run of state.runs) params.append('run', run);
  for (const key of state.keys) params.append('key', key);
  if (state.step !== null) params.set('step', String(state.step));
  for (const target of state.compare) params.append('compare', targetText(target));
  if (state.detail) params.set('detail', targetText(state.detail));
  if (state.align) params.set('align', state.align);
  if (state.axis) params.set('axis', state.axis);
  else params.delete('axis');
  writeSample(state.sample ?? null, params);
  return params;
}

/** `runId:step:index:key` — the key goes last because it may itself contain colons. */
function targetText(target: CompareTarget): string {
  return `${target.runId}:${target.step}:${target.index}:${target.key}`;
}

function targetOf(value: string | null): CompareTarget | null {
  const match = value ? /^([^:]+):(\d+):(\d+):(.+)$/.exec(value) : null;
  if (!match) return null;
  const step = wholeNumber(match[2]!);
  const index = wholeNumber(match[3]!);
  return step === null || index === null ? null : { runId: match[1]!, step, index, key: match[4]! };
}

function finiteNumber(value: string | null): number | null {
  if (value === null || !/^-?\d{1,15}(\.\d{1,20})?(e[-+]?\d{1,3})?$/i.test(value)) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

function wholeNumber(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
