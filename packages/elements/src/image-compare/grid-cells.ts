import type { ImageRef } from '@run-comparer/wandb-client';
import { html, nothing, type TemplateResult } from 'lit';
import type { Align, GridCell, KeyGroup } from './grid-model.js';

/** A cell that shows no image: still loading, nothing logged, blank, unsupported or failed. */
export type TileCell = Exclude<GridCell, { kind: 'image' }>;

/** The header rows: a run column, a column group per key and, when a group needs it, a row of column labels. */
export function renderGridHead(groups: KeyGroup[]): TemplateResult {
  const labelled = groups.some((g) => g.labelled);
  return html`<thead>
    <tr aria-rowindex="1">
      <th part="corner" scope="col" rowspan=${labelled ? 2 : 1}>Run</th>
      ${groups.map(
        (g) =>
          html`<th part="key-header" scope="colgroup" colspan=${g.columns.length} rowspan=${g.labelled ? 1 : 2}>
            ${g.key}
          </th>`,
      )}
    </tr>
    ${
      labelled
        ? html`<tr aria-rowindex="2">
            ${groups.flatMap((g) =>
              g.labelled
                ? g.columns.map(
                    (c) =>
                      html`<th part="column-header" scope="col" title=${c.label}>
                        <span class="prompt">${c.label}</span>
                      </th>`,
                  )
                : [],
            )}
          </tr>`
        : nothing
    }
  </thead>`;
}

/** A cell whose steps or set failed to load. */
export type FailedCell = Extract<GridCell, { kind: 'error' }>;

/** What a cell without an image shows; `failed` renders an error cell. */
export function renderTile(
  cell: TileCell,
  step: number,
  align: Align,
  failed: (cell: FailedCell) => TemplateResult,
): TemplateResult {
  switch (cell.kind) {
    case 'loading':
      return html`<div class="tile" aria-hidden="true"><div part="skeleton" class="skeleton"></div></div>`;
    case 'missing':
      return html`<div part="placeholder" class="tile">No image at or before step ${step}</div>`;
    case 'blank':
      return html`<div part="placeholder" class="tile">
        ${align === 'caption' ? 'No image with this caption' : 'Not in this list'}
      </div>`;
    case 'unsupported':
      return html`<div part="placeholder" class="tile">${cell.message}</div>`;
    case 'error':
      return failed(cell);
  }
}

/** A failed cell with its reason and a Retry button. */
export function renderFailedTile(message: string, retry: () => void): TemplateResult {
  return html`<div part="error" class="tile error">
    <span>${message}</span>
    <button part="retry-button" class="button" type="button" @click=${retry}>Retry</button>
  </div>`;
}

/**
 * An image cell: the thumbnail (or why there is none), the caption when lists line up by position,
 * and the step of the image when given (an earlier one than shown, or any on a step axis), marked when earlier.
 */
export function renderImageCell(
  shown: TemplateResult,
  caption: string | null,
  step: number | null,
  earlier: boolean,
): TemplateResult {
  return html`<td part="cell" class="cell">
    ${shown} ${caption ? html`<p part="caption" class="caption prompt">${caption}</p>` : nothing}
    ${step !== null ? html`<p part="step-note" class="note">step ${step}${earlier ? ' · nearest earlier' : ''}</p>` : nothing}
  </td>`;
}

/** The run names this image but never uploaded its file: said in the cell, with the image's alt text for screen readers. */
export function renderNotUploaded(alt: string, why: string): TemplateResult {
  return html`<div part="placeholder not-uploaded" class="tile" title=${why}>
    <span>Not uploaded</span><span class="visually-hidden">: ${alt}. ${why}</span>
  </div>`;
}

export interface ThumbInput {
  image: ImageRef;
  /** The thumbnail URL; null while it loads. */
  src: string | null;
  alt: string;
  /** `A` or `B` when marked for comparison. */
  mark: string | undefined;
  row: number;
  column: number;
  /** Whether this thumbnail is the grid's one tab stop. */
  tabStop: boolean;
  onClick(event: MouseEvent): void;
  onLoad(): void;
  onError(): void;
}

/** A thumbnail button: the image fitted into its frame (or a placeholder while its URL loads) and its A/B mark. */
export function renderThumb(input: ThumbInput): TemplateResult {
  const { image, mark } = input;
  return html`<button
    part=${mark ? 'thumb marked' : 'thumb'}
    class=${mark ? 'thumb marked' : 'thumb'}
    type="button"
    data-row=${input.row}
    data-column=${input.column}
    tabindex=${input.tabStop ? 0 : -1}
    @click=${input.onClick}
  >
    <span part="frame" class="frame">
      ${
        input.src
          ? html`<img
              part="image"
              src=${input.src}
              alt=${input.alt}
              loading="lazy"
              decoding="async"
              width=${image.width ?? nothing}
              height=${image.height ?? nothing}
              @load=${input.onLoad}
              @error=${input.onError}
            />`
          : html`<span part="skeleton" class="skeleton"></span><span class="visually-hidden">${input.alt}</span>`
      }
    </span>
    ${
      mark
        ? html`<span part="mark" class="mark" aria-hidden="true">${mark}</span>
            <span class="visually-hidden">, marked ${mark} for comparison</span>`
        : nothing
    }
  </button>`;
}
