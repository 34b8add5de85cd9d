import { readRunOrder, runOrderText, type RunOrder } from '../internal/arrange-runs.js';

/** What the comparer's "Run details" region shows, as a link keeps it. */
export interface DetailsState {
  /** The region is expanded. */
  open: boolean;
  /** The metric keys chosen, in column order; null: `<run-metrics>` chooses. */
  metrics: string[] | null;
  /** The config keys shown under each run's name in the grid, in the order chosen. */
  configKeys: string[];
  /** The order of the grid's run rows by a config key; null: the selection's order. */
  sort: RunOrder | null;
}

export const NO_DETAILS: DetailsState = { open: false, metrics: null, configKeys: [], sort: null };

/** Its query parameters: `details=open`, `metric=<key>` and `config=<key>` (repeated), `sort=[-]<key>`. */
export const DETAILS_PARAMS = ['details', 'metric', 'config', 'sort'] as const;

const keys = (params: URLSearchParams, name: string) => [...new Set(params.getAll(name))].filter(Boolean);

export function readDetails(params: URLSearchParams): DetailsState {
  return {
    open: params.get('details') === 'open',
    // `metric=` alone keeps "no metrics" apart from "not chosen yet".
    metrics: params.has('metric') ? keys(params, 'metric') : null,
    configKeys: keys(params, 'config'),
    sort: readRunOrder(params.get('sort')),
  };
}

export function writeDetails({ open, metrics, configKeys, sort }: DetailsState, params: URLSearchParams): void {
  if (open) params.set('details', 'open');
  for (const key of metrics?.length ? metrics : metrics ? [''] : []) params.append('metric', key);
  for (const key of configKeys) params.append('config', key);
  if (sort) params.set('sort', runOrderText(sort));
}
