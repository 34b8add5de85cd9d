import {
  loadOverlays,
  runKey,
  type ClassLabel,
  type ImageRef,
  type LoadedOverlays,
  type RunRef,
  type RunSource,
} from '@run-comparer/wandb-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describeError } from '../internal/describe-error.js';
import { classColor, paintMask } from '../internal/mask-paint.js';

/** One image whose boxes and masks a viewer draws. */
export interface OverlayTarget {
  source: RunSource;
  ref: RunRef;
  key: string;
  image: ImageRef | null;
}

/** A toggle: a whole layer (`classId` null) or one class of it. */
export interface OverlayToggle {
  kind: 'boxes' | 'mask';
  layer: string;
  classId: number | null;
}

/** A layer as the toggles list it: its classes (union over the images shown) with names and colours. */
export interface OverlayGroup {
  kind: 'boxes' | 'mask';
  layer: string;
  classes: (ClassLabel & { color: string })[];
}

type Entry = { overlays: LoadedOverlays } | { error: string } | { loading: AbortController };

export function toggleId({ kind, layer, classId }: OverlayToggle): string {
  return classId === null ? `${kind}\n${layer}` : `${kind}\n${layer}\n${classId}`;
}

/**
 * The boxes and masks of the images a viewer shows: loads them (through `loadOverlays`, aborting
 * what is no longer shown), keeps which layers and classes the user hid, and paints masks in the
 * class colours with hidden classes left out. Shared by every image of a view, so a toggle hides a
 * class on both sides of a comparison.
 */
export class OverlayController implements ReactiveController {
  #entries = new Map<string, Entry>();
  #hidden = new Set<string>();
  #masks = new Map<string, { url: string; ids: number[] } | Error | 'painting'>();
  #wanted: string[] = [];

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const entry of this.#entries.values()) if ('loading' in entry) entry.loading.abort();
    this.#entries.clear();
  }

  /** Show the overlays of these images (from `render`); the others' loads are aborted. */
  want(targets: OverlayTarget[]): void {
    const wanted = targets.flatMap((t) => (t.image?.overlays ? [this.#id(t)] : []));
    for (const [id, entry] of this.#entries) {
      if (!wanted.includes(id) && 'loading' in entry) {
        entry.loading.abort();
        this.#entries.delete(id);
      }
    }
    this.#wanted = wanted;
    for (const target of targets) {
      if (!target.image?.overlays || this.#entries.has(this.#id(target))) continue;
      const id = this.#id(target);
      const loading = new AbortController();
      this.#entries.set(id, { loading });
      loadOverlays(target.source, target.ref, target.key, target.image, { signal: loading.signal }).then(
        (overlays) => this.#settle(id, loading, { overlays }),
        (error: unknown) => this.#settle(id, loading, { error: describeError(error).message }),
      );
    }
  }

  /** The loaded overlays of an image; null while loading, without overlays, or on failure. */
  of(target: OverlayTarget): LoadedOverlays | null {
    const entry = target.image?.overlays ? this.#entries.get(this.#id(target)) : undefined;
    return entry && 'overlays' in entry ? entry.overlays : null;
  }

  /** What went wrong loading the shown images' overlays: whole failures and skipped layers. */
  get problems(): string[] {
    return this.#wanted.flatMap((id) => {
      const entry = this.#entries.get(id);
      if (!entry || 'loading' in entry) return [];
      return 'error' in entry ? [entry.error] : entry.overlays.problems.map((p) => p.message);
    });
  }

  /** Every layer of the shown images with its classes, for the toggles. */
  get groups(): OverlayGroup[] {
    const groups = new Map<string, OverlayGroup>();
    const add = (kind: 'boxes' | 'mask', layer: string, labels: ClassLabel[]) => {
      const id = toggleId({ kind, layer, classId: null });
      const group = groups.get(id) ?? { kind, layer, classes: [] };
      groups.set(id, group);
      for (const label of labels)
        if (!group.classes.some((c) => c.id === label.id))
          group.classes.push({ ...label, color: classColor(label.id) });
      group.classes.sort((a, b) => a.id - b.id);
    };
    for (const id of this.#wanted) {
      const entry = this.#entries.get(id);
      if (!entry || !('overlays' in entry)) continue;
      for (const layer of entry.overlays.boxes) add('boxes', layer.name, layer.classLabels);
      for (const layer of entry.overlays.masks) {
        const painted = layer.url ? this.#masks.get(layer.url) : undefined;
        const found = painted && typeof painted === 'object' && !(painted instanceof Error) ? painted.ids : [];
        const named = layer.classLabels;
        add('mask', layer.name, [
          ...named,
          ...found.filter((id) => !named.some((l) => l.id === id)).map((id) => ({ id, name: `class_${id}` })),
        ]);
      }
    }
    return [...groups.values()];
  }

  isShown(toggle: OverlayToggle): boolean {
    if (this.#hidden.has(toggleId({ ...toggle, classId: null }))) return false;
    return toggle.classId === null || !this.#hidden.has(toggleId(toggle));
  }

  setShown(toggle: OverlayToggle, shown: boolean): void {
    const id = toggleId(toggle);
    if (shown) this.#hidden.delete(id);
    else this.#hidden.add(id);
    this.#masks.clear();
    this.host.requestUpdate();
  }

  /**
   * The URL of a mask painted in its classes' colours (hidden classes transparent), or null while
   * painting or when it cannot be read.
   */
  paintedMask(layer: string, url: string): string | null {
    const painted = this.#masks.get(url);
    if (painted === 'painting' || painted instanceof Error) return null;
    if (painted) return painted.url;
    this.#masks.set(url, 'painting');
    paintMask(url, (id) => this.isShown({ kind: 'mask', layer, classId: id })).then(
      (result) => {
        if (this.#masks.get(url) === 'painting') this.#masks.set(url, result);
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (this.#masks.get(url) === 'painting') this.#masks.set(url, error as Error);
        this.host.requestUpdate();
      },
    );
    return null;
  }

  #id(target: OverlayTarget): string {
    return `${runKey(target.ref)}\n${target.key}\n${target.image?.path}`;
  }

  #settle(id: string, loading: AbortController, entry: Entry): void {
    if (loading.signal.aborted) return;
    this.#entries.set(id, entry);
    this.host.requestUpdate();
  }
}
