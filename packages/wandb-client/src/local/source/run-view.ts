import { classLabelsFromConfig } from '../../media-values/class-labels.js';
import { withSummaryMedia } from '../../media-values/summary-media.js';
import type { ImageSet, Run, RunIssue, RunState } from '../../types.js';
import type { RunFacts } from '../index/run-facts.js';
import type { PartialRead, RunFile } from '../index/run-file.js';
import type { RunDir } from './run-dirs.js';

/** How runs without an entity or project in their records are named. */
export interface RunDefaults {
  /** For runs whose records name no entity (offline runs): default `local`. */
  entity: string;
  /** For runs whose records name no project; null lists them under every project. */
  project: string | null;
  /** A run without an exit record counts as running while its file changed this recently. */
  staleAfterMs: number;
}

/**
 * One run: the directories that hold it, oldest first. A resumed run gets a new directory
 * with the same id each time it restarts; together they make one run.
 */
export interface RunEntry {
  id: string;
  /**
   * Null when no readable record names them (the file is missing, unreadable or cut before its
   * run record): such a run is listed under every project, so its error is seen.
   */
  entity: string | null;
  project: string | null;
  segments: RunDir[];
}

/** wandb's own name for the project of a run started without one. */
export const UNNAMED_PROJECT = 'uncategorized';

export function groupRuns(dirs: Iterable<RunDir>, defaults: RunDefaults): RunEntry[] {
  const entries = new Map<string, RunEntry>();
  for (const dir of dirs) {
    const { meta, hasRunRecord: named } = dir.file.facts;
    const id = meta.runId || dir.idFromName;
    const entity = meta.entity || (named || defaults.project ? defaults.entity : null);
    const project = meta.project || defaults.project || (named ? UNNAMED_PROJECT : null);
    const key = JSON.stringify([entity, project, id]);
    const entry = entries.get(key);
    if (entry) entry.segments.push(dir);
    else entries.set(key, { id, entity, project, segments: [dir] });
  }
  // A directory that cannot name its project (an unreadable part of a resumed run) joins the
  // readable directories of the same run id, when there are any.
  for (const [key, entry] of entries) {
    if (entry.project !== null) continue;
    const named = [...entries.values()].find((other) => other.project !== null && other.id === entry.id);
    if (!named) continue;
    named.segments.push(...entry.segments);
    entries.delete(key);
  }
  for (const entry of entries.values())
    entry.segments.sort((a, b) => startOf(a) - startOf(b) || a.name.localeCompare(b.name));
  return [...entries.values()];
}

function startOf(dir: RunDir): number {
  return dir.startedAt;
}

export function latest(entry: RunEntry): RunDir {
  return entry.segments[entry.segments.length - 1]!;
}

/** The Run as the RunSource model describes it. `ref` names a run whose own project is unknown. */
export function viewRun(
  entry: RunEntry,
  ref: { entity: string; project: string },
  now: number,
  defaults: RunDefaults,
): Run {
  const last = latest(entry);
  const readable = entry.segments.filter((dir) => !dir.file.error);
  const facts = entry.segments.map((dir) => dir.file.facts);
  const meta = Object.assign({}, ...facts.map((f) => f.meta)) as RunFacts['meta'];
  const config: Record<string, unknown> = Object.assign({}, ...facts.map((f) => f.config));
  const classLabels = classLabelsFromConfig(config._wandb);
  delete config._wandb;
  const withSummary = [...facts].reverse().find((f) => f.summary);
  const summary: Record<string, unknown> = withSummary
    ? { ...withSummary.summaryValues() }
    : Object.assign({}, ...facts.map((f) => f.summaryValues()));
  const lastSteps = facts.map((f) => f.lastStep).filter((s): s is number => s !== null);
  const lastActivity = last.file.facts.lastActivity ?? last.file.seen?.mtimeMs ?? null;
  const state = readable.length === 0 ? 'unknown' : stateOf(last.file, now, defaults.staleAfterMs);
  return {
    id: entry.id,
    entity: entry.entity ?? ref.entity,
    project: entry.project ?? ref.project,
    displayName: meta.displayName || entry.id,
    state,
    createdAt: new Date(startOf(entry.segments[0]!)).toISOString(),
    heartbeatAt: lastActivity === null ? null : new Date(lastActivity).toISOString(),
    user: null,
    tags: meta.tags ?? [],
    group: meta.group || null,
    jobType: meta.jobType || null,
    notes: meta.notes || null,
    config,
    summary,
    lastStep: lastSteps.length > 0 ? Math.max(...lastSteps) : null,
    warnings: entry.segments.flatMap((dir) => warningsOf(dir, state, readable.length > 0)),
    error: readable.length === 0 ? last.file.error : null,
    ...(classLabels ? { classLabels } : {}),
  };
}

/**
 * What a file can tell: an exit record means finished (or failed, for a non-zero exit code).
 * Without one, the run is running while its file grows (seen growing by this source, or
 * modified recently and holding recent timestamps); otherwise it stopped without exiting:
 * crashed (a killed process looks the same).
 */
export function stateOf(file: RunFile, now: number, staleAfterMs: number): RunState {
  const { exit, closed, lastActivity, stoppedState } = file.facts;
  if (exit) return exit.state ?? (exit.exitCode === 0 ? 'finished' : 'failed');
  if (closed) return 'finished';
  if (file.grewAt !== null && now - file.grewAt <= staleAfterMs) return 'running';
  const modified = file.seen?.mtimeMs;
  const recentlyModified = modified !== undefined && now - modified <= staleAfterMs;
  const recentRecords = lastActivity === null || now - lastActivity <= staleAfterMs;
  return recentlyModified && recentRecords ? 'running' : (stoppedState ?? 'crashed');
}

function warningsOf(dir: RunDir, state: RunState, anyReadable: boolean): RunIssue[] {
  const { file } = dir;
  const warnings: RunIssue[] = [];
  if (file.error) {
    if (anyReadable) warnings.push(file.error);
    return warnings;
  }
  const index = file.facts;
  const name = file.path;
  const partial = file.partial;
  if (partial) warnings.push(provisional(name, partial, index.summary !== null));
  if (!index.hasRunRecord && (file.seen?.size ?? 0) > 0) {
    warnings.push({
      code: 'missing_run_record',
      message: `${name} holds no run record (it was cut before wandb wrote one), so the run's name, project and config are unknown.`,
    });
  }
  if (index.damaged) {
    const { count, first, kinds } = index.damaged;
    warnings.push({
      code: 'damaged_file',
      message: `${name} is damaged: ${count} damaged part${count === 1 ? '' : 's'} (first at byte ${first}: ${[...kinds].join(', ').replace(/_/g, ' ')}) were skipped; every intact record before and after was read.`,
    });
  }
  if (file.tailBytes > 0 && state !== 'running') {
    warnings.push({
      code: 'truncated_file',
      message: `${name} ends in the middle of a record: the last ${file.tailBytes} bytes (from byte ${file.committed}) were ignored and every complete record before them was read. The writer was probably killed.`,
    });
  }
  if (index.unreadableRecords > 0) {
    warnings.push({
      code: 'unreadable_records',
      message: `${index.unreadableRecords} record${index.unreadableRecords === 1 ? '' : 's'} in ${name} could not be decoded (first at byte ${index.firstUnreadable}) and were skipped.`,
    });
  }
  warnings.push(...(index.notices ?? []));
  if (index.unreadableValues > 0) {
    warnings.push({
      code: 'unreadable_values',
      message: `${index.unreadableValues} logged value${index.unreadableValues === 1 ? ' was' : 's were'} not valid JSON in ${name} and were skipped.`,
    });
  }
  return warnings;
}

/** Said of a run listed from the start and end of its file, until the file has been read whole. */
function provisional(name: string, partial: PartialRead, hasSummary: boolean): RunIssue {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
  const missing = hasSummary
    ? 'config and tag changes logged mid-run'
    : 'config and tag changes logged mid-run, and the last value of keys not logged near the end (the run wrote no summary)';
  return {
    code: 'provisional',
    message: `Provisional: listed from the first ${mb(partial.headBytes)} and the last ${mb(partial.tailBytes)} of ${name} (${mb(partial.size)}), which is still being read; ${missing} appear once it is.`,
  };
}

/**
 * Per key, per step, the media of all of a run's directories (a later directory wins a step), with
 * the keys that hold media only in the run's summary at its last step.
 */
export function imagesOf(entry: RunEntry): Map<string, Map<number, ImageSet>> {
  const indexes = entry.segments.map((dir) => dir.file.index);
  const summary = [...indexes].reverse().find((index) => index.summary)?.summary;
  const steps = indexes.flatMap((index) => (index.lastStep === null ? [] : [index.lastStep]));
  return withSummaryMedia(historyImagesOf(entry), summary, steps.length > 0 ? Math.max(...steps) : null);
}

function historyImagesOf(entry: RunEntry): Map<string, Map<number, ImageSet>> {
  if (entry.segments.length === 1) return entry.segments[0]!.file.index.images;
  const merged = new Map<string, Map<number, ImageSet>>();
  for (const dir of entry.segments) {
    for (const [key, byStep] of dir.file.index.images) {
      let into = merged.get(key);
      if (!into) merged.set(key, (into = new Map()));
      for (const [step, set] of byStep) into.set(step, set);
    }
  }
  return merged;
}

/** The directory whose records name `path` as media, latest first. */
export function mediaOwner(entry: RunEntry, path: string): RunDir | null {
  for (let i = entry.segments.length - 1; i >= 0; i--) {
    const dir = entry.segments[i]!;
    if (dir.file.index.mediaPaths.has(path)) return dir;
  }
  return null;
}
