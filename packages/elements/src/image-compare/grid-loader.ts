import { runKey, type RunRef } from '@run-comparer/wandb-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { nearestAtOrBefore, neighbourSteps, unionOfSteps } from '../data/step-lookup.js';
import { warmImage, type ViewerData } from '../data/viewer-data.js';

export interface GridRequest {
  data: ViewerData;
  runs: RunRef[];
  keys: string[];
  /** The step to show; null shows the latest step any run logged. */
  step: number | null;
}

/**
 * Loads what `<image-compare>` shows: first the image index of the selection in one request
 * (then stepping costs no request but image bytes), else per run the logged steps, the image sets at the nearest
 * step at or before the current one, and their URLs; then prefetches the neighbouring steps (data
 * and images) so stepping is instant. A new step aborts the loads of the one it replaces; URLs
 * that expire are fetched again before they lapse. Results land in the shared ViewerData, which
 * the grid renders from, so a late answer for an old step can never replace the current one.
 */
export class GridLoader implements ReactiveController {
  #request: GridRequest | null = null;
  #context = '';
  #step: number | null | undefined;
  #current: AbortController | null = null;
  #prefetches = new Map<number, AbortController>();
  #refresh: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { prefetch: () => number; thumbnail: (url: string) => string },
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#stop(true);
    this.#request = null;
    this.#context = '';
  }

  /** Load for this request unless it is what is already loaded or loading. */
  request(request: GridRequest | null): void {
    const context = request ? `${request.runs.map(runKey).join(' ')}\n${request.keys.join('\n')}` : '';
    const sameContext = !!request && request.data === this.#request?.data && context === this.#context;
    if (sameContext && request.step === this.#step) return;
    this.#stop(!sameContext);
    this.#request = request;
    this.#context = context;
    this.#step = request?.step;
    if (request?.runs.length && request.keys.length)
      void this.#load(request, (this.#current = new AbortController()).signal);
  }

  /** Load the current request again (after `forget`ting failed or stale entries). */
  reload(): void {
    const request = this.#request;
    request?.data.indexes.forget([request.data.indexId(request.runs, request.keys)]);
    this.#step = undefined;
    this.request(request);
    this.host.requestUpdate();
  }

  #stop(everything: boolean): void {
    this.#current?.abort();
    this.#current = null;
    clearTimeout(this.#refresh);
    if (!everything) return;
    for (const controller of this.#prefetches.values()) controller.abort();
    this.#prefetches.clear();
  }

  async #load({ data, runs, keys, step }: GridRequest, signal: AbortSignal): Promise<void> {
    await data.loadIndex(runs, keys, signal);
    if (signal.aborted) return;
    await Promise.all(runs.map((ref) => data.loadSteps(ref, keys, signal)));
    if (signal.aborted) return;
    const union = unionOfSteps(runs.flatMap((ref) => keys.map((key) => data.stepsOf(ref, key) ?? [])));
    const at = step ?? union.at(-1);
    this.host.requestUpdate();
    if (at === undefined) return;
    const shown = await Promise.all(runs.map((ref) => this.#loadRun(data, ref, keys, at, signal, true)));
    if (signal.aborted) return;
    this.#scheduleRefresh(data, runs, shown);
    this.#prefetch(data, runs, keys, neighbourSteps(union, at, this.options.prefetch(), this.options.prefetch()));
  }

  /** Steps, sets and URLs of one run at `step`; returns the media paths it shows. */
  async #loadRun(data: ViewerData, ref: RunRef, keys: string[], step: number, signal: AbortSignal, visible: boolean) {
    await data.loadSteps(ref, keys, signal);
    const byStep = new Map<number, string[]>();
    for (const key of keys) {
      const at = nearestAtOrBefore(data.stepsOf(ref, key) ?? [], step);
      if (at !== null) byStep.set(at, [...(byStep.get(at) ?? []), key]);
    }
    await Promise.all([...byStep].map(([at, ks]) => data.loadSets(ref, ks, at, signal)));
    if (visible) this.host.requestUpdate();
    const paths = [...byStep].flatMap(([at, ks]) =>
      ks.flatMap((key) => data.sets.peek(data.setId(ref, key, at))?.images.map((image) => image.path) ?? []),
    );
    if (!paths.length || signal.aborted) return paths;
    await data.loadUrls(ref, paths, signal);
    if (visible) this.host.requestUpdate();
    else if (!signal.aborted) {
      for (const path of paths) {
        const url = data.urlOf(ref, path);
        if (url) void warmImage(this.options.thumbnail(url));
      }
    }
    return paths;
  }

  #prefetch(data: ViewerData, runs: RunRef[], keys: string[], steps: number[]): void {
    for (const [step, controller] of this.#prefetches) {
      if (steps.includes(step)) continue;
      controller.abort();
      this.#prefetches.delete(step);
    }
    for (const step of steps) {
      if (this.#prefetches.has(step)) continue;
      const controller = new AbortController();
      this.#prefetches.set(step, controller);
      for (const ref of runs) void this.#loadRun(data, ref, keys, step, controller.signal, false);
    }
  }

  #scheduleRefresh(data: ViewerData, runs: RunRef[], paths: string[][]): void {
    const due = runs
      .map((ref, i) => data.refreshDue(ref, paths[i]!))
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b)[0];
    if (due !== undefined) this.#refresh = setTimeout(() => this.reload(), Math.max(1000, due - Date.now()));
  }
}
