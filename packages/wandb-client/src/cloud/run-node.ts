import { parseWandbJson } from '../wandb-json.js';
import { toRunState } from '../run-states.js';
import type { ProjectRef, Run, RunIssue } from '../types.js';
import { classLabelsFromConfig } from '../media-values/class-labels.js';
import { parseHistoryKeys } from './history-keys.js';
import type { RunNode } from './schemas.js';

/** The run fields `get` (and a `full` listing) reads: wandb's full run fragment, minus what we never show. */
export const RUN_FIELDS_FRAGMENT = `fragment RunFields on Run {
  name displayName state createdAt heartbeatAt tags group jobType notes description
  config summaryMetrics historyKeys
  user { name username }
}`;

/**
 * The fields a listing reads by default: without config, summaryMetrics and historyKeys, which can
 * be megabytes per run (wandb lists runs with such a lightweight fragment too, wandb/wandb#10034).
 */
export const LIGHT_RUN_FIELDS_FRAGMENT = `fragment LightRunFields on Run {
  name displayName state createdAt heartbeatAt tags group jobType notes description
  user { name username }
}`;

/** Keys wandb keeps in config and summary for itself. */
const INTERNAL_KEYS = new Set(['_wandb', 'wandb_version']);

export function runFromNode(node: RunNode, project: ProjectRef, detail: 'light' | 'full' = 'full'): Run {
  const warnings: RunIssue[] = [];
  const config = configOfNode(node.config, warnings);
  const summary = withoutInternal(jsonObject(node.summaryMetrics, 'summary', warnings));
  const historyKeys = parseHistoryKeys(node.historyKeys, warnings);
  const createdAt = isoTime(node.createdAt);
  if (!createdAt)
    warnings.push({ code: 'missing_created_at', message: 'wandb did not report when this run was created.' });
  return {
    id: node.name,
    entity: project.entity,
    project: project.project,
    displayName: node.displayName || node.name,
    state: toRunState(node.state),
    createdAt: createdAt ?? new Date(0).toISOString(),
    heartbeatAt: isoTime(node.heartbeatAt),
    user: node.user ? { name: node.user.name, username: node.user.username } : null,
    tags: (node.tags ?? []).filter((t): t is string => typeof t === 'string'),
    group: node.group || null,
    jobType: node.jobType || null,
    notes: node.notes || node.description || null,
    config,
    summary,
    lastStep: historyKeys.lastStep,
    warnings,
    error: null,
    ...classLabelsOfNode(node.config),
    ...(detail === 'light' ? { detail } : {}),
  };
}

/** wandb sends naive UTC times (`2023-11-05T17:46:35`, sometimes with microseconds); make them ISO 8601 with a zone. */
export function isoTime(value: string | null): string | null {
  if (!value) return null;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function jsonObject(value: unknown, what: string, warnings: RunIssue[]): Record<string, unknown> {
  if (value === null || value === undefined || value === '') return {};
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = parseWandbJson(value);
    } catch {
      warnings.push({
        code: `${what}_unreadable`,
        message: `wandb sent this run's ${what} as text that is not JSON; it is shown empty.`,
      });
      return {};
    }
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  warnings.push({
    code: `${what}_unreadable`,
    message: `wandb sent this run's ${what} as something other than an object; it is shown empty.`,
  });
  return {};
}

/** A run node's `config` (a JSON string of `{ key: { value, desc } }`) as plain values, without `_wandb`. */
export function configOfNode(value: unknown, warnings: RunIssue[] = []): Record<string, unknown> {
  return unwrapConfig(jsonObject(value, 'config', warnings));
}

/** The class labels of boxes and masks wandb keeps in the config's `_wandb` entry, as `{ classLabels }` when there are any. */
function classLabelsOfNode(value: unknown): Pick<Run, 'classLabels'> {
  if (typeof value === 'string' && !value.includes('/class_labels')) return {};
  const classLabels = classLabelsFromConfig(jsonObject(value, 'config', [])._wandb);
  return classLabels ? { classLabels } : {};
}

/** Config values arrive wrapped as `{ value, desc }`; keep the value. */
function unwrapConfig(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(withoutInternal(raw))) {
    const wrapped = typeof entry === 'object' && entry !== null && !Array.isArray(entry) && 'value' in entry;
    out[key] = wrapped ? (entry as { value: unknown }).value : entry;
  }
  return out;
}

function withoutInternal(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !INTERNAL_KEYS.has(key)));
}
