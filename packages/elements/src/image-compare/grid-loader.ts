import { runKey, type RunRef } from '@run-comparer/wandb-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { nearestAtOrBefore, neighbourSteps, unionOfSteps } from '../data/step-lookup.js';
import type { StepAxisChoice } from '../context/selection-store.js';
import type { ViewerData } from '../data/viewer-data.js';

export interface GridRequest {
  data: ViewerData;
  runs: RunRef[];
  keys: string[];
  /** The step to show; null shows the latest step any run logged. */
  step: number | null;
  /** The runs whose rows are on screen (or about to be), first to load. */
  inView: RunRef[];
  /** The step axis `step` is on (absent: `_step`). */
  axis?: StepAxisChoice | null;
}

/**
 * Loads what `<image-compare>` shows, the rows on screen first. For the step shown, the image
 * sets of the rows in view are read at once (a point read each), while the image index of the
 * selection streams in a few runs per request, those rows first (then stepping costs no request
 * but image bytes); runs the index could not answer fall back to their logged steps and the sets
 * at the nearest step at or before. Then the URLs of the rows in view at the step, and the data (not the
 * images: the grid schedules those) of the neighbouring steps for the rows in view. A new step
 * aborts the loads of the one it replaces, but not the index; URLs that expire are fetched again
 * before they lapse. Results land in the shared ViewerData, which the grid renders from, so a
 * late answer for an old step can never replace the current one.
 */
export class GridLoader implements ReactiveController {
  #request: GridRequest | null = null;
  #context = '';
  #step: number | null | undefined;
  #axis: StepAxisChoice | null | undefined;
  /** The step shown once known (the latest one, when `step` is null). */
  #at: number | undefined;
  #inView = new Set<string>();
  #indexed: Promise<void> = Promise.resolve();
  #everything: AbortController | null = null;
  #current: AbortController | null = null;
  #prefetches = new Map<number, AbortController>();
  #refresh: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { prefetch: () => number },
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
    if (sameContext && request.step === this.#step && request.axis === this.#axis) {
      this.#request = request;
      const entering = request.inView.filter((ref) => !this.#inView.has(runKey(ref)));
      if (entering.length && this.#current) this.#loadRows(request, entering, this.#current.signal);
      return;
    }
    this.#stop(!sameContext);
    this.#request = request;
    this.#context = context;
    this.#step = request?.step;
    this.#axis = request?.axis;
    this.#at = request?.step ?? undefined;
    this.#inView.clear();
    if (!request?.runs.length || !request.keys.length) return;
    if (!sameContext) {
      const { signal } = (this.#everything = new AbortController());
      const order = [...request.inView, ...request.runs];
      this.#indexed = request.data.loadIndex(order, request.keys, signal, () => this.#indexArrived());
    }
    void this.#load(request, (this.#current = new AbortController()).signal);
  }

  /** A part of the index arrived: the rows in view may now show their nearest earlier steps. */
  #indexArrived(): void {
    const request = this.#request;
    const signal = this.#current?.signal;
    if (request && request.step !== null && signal)
      for (const ref of request.inView)
        void this.#loadRun(request.data, ref, request.keys, request.step, signal, true, false);
    this.host.requestUpdate();
  }

  /** Load the current request again (after `forget`ting failed or stale entries). */
  reload(): void {
    const request = this.#request;
    request?.data.forgetIndex(request.runs, request.keys);
    this.#context = '';
    this.request(request);
    this.host.requestUpdate();
  }

  #stop(everything: boolean): void {
    this.#current?.abort();
    this.#current = null;
    clearTimeout(this.#refresh);
    if (!everything) return;
    this.#everything?.abort();
    this.#everything = null;
    for (const controller of this.#prefetches.values()) controller.abort();
    this.#prefetches.clear();
  }

  async #load(request: GridRequest, signal: AbortSignal): Promise<void> {
    const { data, runs, keys, step } = request;
    this.#loadRows(request, request.inView, signal);
    await this.#indexed;
    if (signal.aborted) return;
    await Promise.all(runs.map((ref) => data.loadSteps(ref, keys, signal)));
    if (signal.aborted) return;
    const union =
      request.axis?.placement?.domain ??
      unionOfSteps(runs.flatMap((ref) => keys.map((key) => data.stepsOf(ref, key) ?? [])));
    const at = step ?? union.at(-1);
    this.host.requestUpdate();
    if (at === undefined) return;
    this.#at = at;
    // The rows drawn (rows coming into view later load then): not the URLs of a whole team's step.
    const drawn = this.#request?.inView ?? [];
    const shown = await Promise.all(drawn.map((ref) => this.#loadRun(data, ref, keys, at, signal, true)));
    if (signal.aborted) return;
    this.#scheduleRefresh(data, drawn, shown);
    const around = neighbourSteps(union, at, this.options.prefetch(), this.options.prefetch());
    this.#prefetch(data, this.#request?.inView ?? [], keys, around);
  }

  /** The visible step of rows coming into view: read at exactly that step, without waiting for the index. */
  #loadRows({ data, keys, step }: GridRequest, refs: RunRef[], signal: AbortSignal): void {
    const at = step ?? this.#at;
    for (const ref of refs) {
      this.#inView.add(runKey(ref));
      if (at !== undefined) void this.#loadRun(data, ref, keys, at, signal, true, false);
    }
  }

  /**
   * Sets and URLs of one run at `x`, on the step it has there on the request's axis (the nearest step at
   * or before it per key, once its steps are known; until then only sets at exactly that step);
   * returns the media paths it shows.
   */
  async #loadRun(
    data: ViewerData,
    ref: RunRef,
    keys: string[],
    x: number,
    signal: AbortSignal,
    visible: boolean,
    waitForSteps = true,
  ): Promise<string[]> {
    const axis = this.#request?.axis;
    const place = axis ? axis.placement?.at(ref, x) : { step: x };
    if (!place) return [];
    const step = place.step;
    if (waitForSteps) await data.loadSteps(ref, keys, signal);
    const byStep = new Map<number, string[]>();
    for (const key of keys) {
      const steps = data.stepsOf(ref, key);
      const at = steps ? nearestAtOrBefore(steps, step) : step;
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
      void Promise.all(runs.map((ref) => this.#loadRun(data, ref, keys, step, controller.signal, false))).then(() =>
        this.host.requestUpdate(),
      );
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
