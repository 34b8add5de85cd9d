import type { BoundingBox, LoadedOverlays } from '@run-comparer/wandb-client';
import { html, nothing, svg, type TemplateResult } from 'lit';
import type { OverlayController } from '../controllers/overlay-controller.js';
import { classColor } from './mask-paint.js';
import type { Size } from './zoom-pan.js';

/** A box's rectangle in the image's pixels. */
export function boxRect(box: BoundingBox, size: Size): { x: number; y: number; width: number; height: number } {
  const [sx, sy] = box.domain === 'pixel' ? [1, 1] : [size.width, size.height];
  const x = Math.min(box.minX, box.maxX) * sx;
  const y = Math.min(box.minY, box.maxY) * sy;
  return { x, y, width: Math.abs(box.maxX - box.minX) * sx, height: Math.abs(box.maxY - box.minY) * sy };
}

function boxText(box: BoundingBox, className: string | undefined): string {
  const scores = Object.entries(box.scores).map(([name, value]) => `${name} ${Number(value.toFixed(3))}`);
  return [box.caption ?? className ?? null, ...scores].filter(Boolean).join(' · ');
}

export interface OverlayLayersInput {
  overlays: LoadedOverlays | null;
  controller: OverlayController;
  /** The image's natural size: the overlays' coordinate space. */
  size: Size;
  /** The same CSS the image layer has (size, transform), so the overlays follow zoom and pan. */
  style: string;
  /** The zoom scale: labels and strokes keep their size on screen. */
  scale: number;
}

/**
 * The masks (painted images) and boxes (an SVG in the image's pixel space) of one image, laid over
 * it with the image's own transform, without the layers and classes the user hid.
 */
export function renderOverlayLayers(input: OverlayLayersInput): TemplateResult | typeof nothing {
  const { overlays, controller, size, style, scale } = input;
  if (!overlays || !size.width) return nothing;
  const masks = overlays.masks.flatMap((mask) => {
    if (!mask.url || !controller.isShown({ kind: 'mask', layer: mask.name, classId: null })) return [];
    const painted = controller.paintedMask(mask.name, mask.url);
    return painted
      ? [
          html`<img
            part="mask"
            class="layer overlay"
            src=${painted}
            alt=""
            data-layer=${mask.name}
            style="${style}; pointer-events: none"
          />`,
        ]
      : [];
  });
  const font = 12 / scale;
  const boxes = overlays.boxes.flatMap((layer) =>
    layer.boxes.flatMap((box) => {
      const classId = box.classId ?? -1;
      if (!controller.isShown({ kind: 'boxes', layer: layer.name, classId })) return [];
      const rect = boxRect(box, size);
      const color = classColor(classId);
      const text = boxText(box, layer.classLabels.find((l) => l.id === box.classId)?.name);
      return [
        svg`<g part="box" data-layer=${layer.name} data-class=${classId}>
          <rect x=${rect.x} y=${rect.y} width=${rect.width} height=${rect.height} fill="none" stroke=${color}
            stroke-width="2" vector-effect="non-scaling-stroke"></rect>
          ${
            text
              ? svg`<rect x=${rect.x} y=${rect.y - font * 1.3} width=${(text.length * font * 0.6 + font * 0.5).toFixed(2)}
                  height=${font * 1.3} fill=${color}></rect>
                <text x=${rect.x + font * 0.25} y=${rect.y - font * 0.3} font-size=${font} fill="#fff">${text}</text>`
              : nothing
          }
        </g>`,
      ];
    }),
  );
  return html`${masks}
    <svg
      part="boxes"
      class="layer overlay"
      viewBox="0 0 ${size.width} ${size.height}"
      style="${style}; overflow: visible; pointer-events: none"
      aria-hidden="true"
    >
      ${boxes}
    </svg>`;
}

/** Checkboxes per overlay layer and per class in it, and what could not be loaded. */
export function renderOverlayToggles(controller: OverlayController): TemplateResult | typeof nothing {
  const groups = controller.groups;
  const problems = controller.problems;
  if (groups.length === 0 && problems.length === 0) return nothing;
  const box = (kind: 'boxes' | 'mask', layer: string, classId: number | null, label: TemplateResult | string) =>
    html`<label>
      <input
        type="checkbox"
        .checked=${controller.isShown({ kind, layer, classId })}
        ?disabled=${classId !== null && !controller.isShown({ kind, layer, classId: null })}
        @change=${(e: Event) => controller.setShown({ kind, layer, classId }, (e.target as HTMLInputElement).checked)}
      />
      ${label}
    </label>`;
  return html`<div part="overlays" class="overlays" role="group" aria-label="Overlays">
    ${groups.map(
      (group) =>
        html`<fieldset part="overlay-layer">
          <legend>
            ${box(group.kind, group.layer, null, `${group.layer} (${group.kind === 'boxes' ? 'boxes' : 'mask'})`)}
          </legend>
          ${group.classes.map((c) =>
            box(
              group.kind,
              group.layer,
              c.id,
              html`<span class="class-swatch" style="background: ${c.color}"></span>${c.name}`,
            ),
          )}
        </fieldset>`,
    )}
    ${problems.map((p) => html`<p part="overlay-problem" class="note" role="status">${p}</p>`)}
  </div>`;
}
