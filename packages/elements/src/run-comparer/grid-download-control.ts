import type { RunSource } from '@run-comparer/wandb-client';
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { SelectionStore } from '../context/selection-store.js';
import { viewerData } from '../data/viewer-data.js';
import { toViewerRuns } from '../data/viewer-runs.js';
import { viewGrid, type Align } from '../image-compare/grid-model.js';
import type { GridPictureInput } from './grid-download.js';

/** The comparer's state the picture is drawn from. */
export interface GridDownloadState {
  source: RunSource;
  store: SelectionStore;
  align: Align;
  size: number;
}

/** The grid the comparer shows now, as the picture's input (built here, where the grid code already is). */
export function pictureInput({ source, store, align, size }: GridDownloadState): GridPictureInput {
  const data = viewerData(source);
  const { runs, keys, step, project } = store.value;
  return {
    data,
    view: viewGrid(data, toViewerRuns(runs), keys, step, align),
    captions: align === 'index',
    title: project ? `${project.entity}/${project.project}` : 'Run Comparer',
    name: project?.project ?? 'grid',
    size,
  };
}

/**
 * "Download PNG": the grid as the user sees it at the step (run names, keys, captions, the step)
 * drawn into one picture; the drawing code loads on first use. Says what it does and why it failed.
 */
export class GridDownload {
  #status = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly state: () => GridDownloadState | null,
  ) {}

  render(): TemplateResult {
    return html`<button part="download-button" class="button" type="button" @click=${this.#save}>Download PNG</button
      ><span role="status">${this.#status}</span>`;
  }

  #save = async (): Promise<void> => {
    const state = this.state();
    if (!state) return this.#say('Choose runs and keys first.');
    this.#say('Drawing the grid…');
    try {
      await (await import('./grid-download.js')).saveGridPicture(pictureInput(state), this.host.shadowRoot!);
      this.#say('');
    } catch (error) {
      this.#say(error instanceof Error ? error.message : String(error));
    }
  };

  #say(status: string): void {
    this.#status = status;
    this.host.requestUpdate();
  }
}
