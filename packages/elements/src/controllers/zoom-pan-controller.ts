import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  clampView,
  fitView,
  overflow,
  panBy,
  toImagePoint,
  wheelFactor,
  zoomBy,
  zoomTo,
  type Point,
  type Size,
  type View,
} from '../internal/zoom-pan.js';

const CONTROLS = 'button, a[href], input, select, textarea, [role="slider"], video[controls]';

/**
 * Zoom and pan state for one image (or several shown in lock-step): wheel around the cursor,
 * drag to pan, keys, fit and 1:1. Measures the viewport with a ResizeObserver and keeps a fitted
 * image fitted when the viewport resizes. The math lives in `zoom-pan.ts`.
 */
export class ZoomPanController implements ReactiveController {
  view: View = { scale: 1, x: 0, y: 0 };
  #content: Size = { width: 0, height: 0 };
  #box: Size = { width: 0, height: 0 };
  #fitted = true;
  #observed: Element | null = null;
  #observer: ResizeObserver | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = null;
  }

  /** Measure `element` as the viewport; call from `updated()` (cheap when unchanged). */
  observe(element: Element | null | undefined): void {
    if (!element || element === this.#observed) return;
    // Re-render on the next frame: a re-render inside the callback may resize the viewport again
    // and trip the browser's "ResizeObserver loop" guard.
    this.#observer ??= new ResizeObserver(([entry]) => {
      if (!entry) return;
      const box = { width: entry.contentRect.width, height: entry.contentRect.height };
      requestAnimationFrame(() => {
        this.#box = box;
        this.#set(this.#fitted ? fitView(this.#content, this.#box) : this.view, this.#fitted);
      });
    });
    this.#observer.disconnect();
    this.#observer.observe(element);
    this.#observed = element;
  }

  /** The natural size of what is shown; a new size refits. */
  setContent(size: Size): void {
    if (size.width === this.#content.width && size.height === this.#content.height) return;
    this.#content = size;
    this.fit();
  }

  get content(): Size {
    return this.#content;
  }

  /** Whether the whole image is shown (the view follows viewport resizes). */
  get fitted(): boolean {
    return this.#fitted;
  }

  /** Whether the image overflows the viewport on some axis, so drags pan. */
  get pannable(): boolean {
    const { x, y } = overflow(this.view, this.#content, this.#box);
    return x || y;
  }

  /** CSS transform for an element of the content's size with `transform-origin: 0 0`. */
  get transform(): string {
    const { x, y, scale } = this.view;
    return `translate(${x}px, ${y}px) scale(${scale})`;
  }

  fit = (): void => this.#set(fitView(this.#content, this.#box), true);

  actualSize = (): void => this.#set(zoomTo(this.view, 1, this.#centre(), this.#content, this.#box));

  zoomIn = (): void => this.zoomBy(1.25);

  zoomOut = (): void => this.zoomBy(0.8);

  zoomBy(factor: number, anchor?: Point): void {
    this.#set(zoomBy(this.view, factor, this.#content, this.#box, anchor));
  }

  panBy(dx: number, dy: number): void {
    this.#set(panBy(this.view, dx, dy, this.#content, this.#box), this.#fitted && !this.pannable);
  }

  /** The image pixel under a point given in viewport coordinates. */
  toImage(point: Point): Point {
    return toImagePoint(this.view, point);
  }

  handleWheel = (event: WheelEvent): void => {
    event.preventDefault();
    const rect = (event.currentTarget as Element).getBoundingClientRect();
    this.zoomBy(wheelFactor(event.deltaY, event.deltaMode), {
      x: event.clientX - rect.left,
      y: event.clientY - rect.top,
    });
  };

  handlePointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    // Capturing the pointer would retarget the click away from a control on the stage (Retry).
    const origin = event.composedPath()[0];
    if (origin instanceof Element && origin.closest(CONTROLS)) return;
    const target = event.currentTarget as HTMLElement;
    target.setPointerCapture?.(event.pointerId);
    let last = { x: event.clientX, y: event.clientY };
    const move = (e: PointerEvent) => {
      this.panBy(e.clientX - last.x, e.clientY - last.y);
      last = { x: e.clientX, y: e.clientY };
    };
    const stop = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', stop);
      target.removeEventListener('pointercancel', stop);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', stop);
    target.addEventListener('pointercancel', stop);
  };

  /** `+`/`-` zoom, `0` fits, `1` is 1:1, arrows pan along an axis the image overflows. Returns whether it acted. */
  handleKey(event: KeyboardEvent): boolean {
    const step = Math.max(24, Math.min(this.#box.width, this.#box.height) / 10) * (event.shiftKey ? 4 : 1);
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const pan = pans[event.key];
    if (pan) {
      const room = overflow(this.view, this.#content, this.#box);
      if (!(pan[0] ? room.x : room.y)) return false;
      this.panBy(pan[0], pan[1]);
    } else if (event.key === '+' || event.key === '=') this.zoomIn();
    else if (event.key === '-' || event.key === '_') this.zoomOut();
    else if (event.key === '0') this.fit();
    else if (event.key === '1') this.actualSize();
    else return false;
    event.preventDefault();
    return true;
  }

  #centre(): Point {
    return { x: this.#box.width / 2, y: this.#box.height / 2 };
  }

  #set(view: View, fitted = false): void {
    this.view = clampView(view, this.#content, this.#box);
    this.#fitted = fitted;
    this.host.requestUpdate();
  }
}
