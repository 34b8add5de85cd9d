import type { ProjectRef, RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { SelectionStore } from '../context/selection-store.js';
import { plural } from '../internal/format.js';
import { needElement } from '../internal/lazy-define.js';
import { tokens } from '../styles/tokens.js';
import { SelectionController } from '../context/selection-controller.js';
import { controlStyles } from '../styles/controls.js';
import type { WandbSource } from '../wandb-source/wandb-source.js';
import { viewerData } from '../data/viewer-data.js';
import type { StepReadyEvent } from '../events/step-ready.js';
import { captionsAt, captionsReordered, renderAlign, type Align } from './align.js';
import type { RunDetailsChangeEvent } from './run-details-panel.js';
import type { SelectedRun } from '../context/selection-store.js';
import { KeyboardHelpController } from './keyboard-help.js';
import { EvolutionView } from './evolution-view.js';
import { GridDownload } from './grid-download-control.js';
import { styles } from './run-comparer.styles.js';
import { rememberedThumbSize, rememberThumbSize, renderThumbSize, THUMB_SIZE, validThumbSize } from './thumb-size.js';
import { UrlSyncController } from './url-sync-controller.js';

/**
 * @summary The whole comparer: pick a project's runs and image keys, slide through training
 * steps, and compare the images side by side.
 *
 * Composes `<wandb-source>`, `<run-picker>`, `<image-key-picker>`, `<step-slider>`,
 * `<image-compare>` and `<image-detail>` in a responsive layout: a sidebar (project, runs, keys) and a main area (the
 * slider above the image grid). Below 56rem of width the sidebar stacks above the main area.
 *
 * The view (project, runs, keys, step, open comparison and detail) lives in the page's query
 * string, so a link reopens it and Back/Forward move through it: choosing runs, keys or a project
 * adds a history entry, moving the step replaces the current one. Set `no-url` to keep the URL
 * untouched (e.g. for several comparers on one page).
 *
 * Inside a `<wandb-source>`, it uses that provider's source and shares its selection (so
 * `<wandb-source api="/api" entity="e" project="p"><run-comparer></run-comparer></wandb-source>`
 * works as well as `<run-comparer api="/api" entity="e" project="p">`).
 *
 * Themed by the shared `--rc-*` tokens (`--rc-accent`, `--rc-background`, `--rc-surface`, `--rc-border`,
 * `--rc-text`, `--rc-muted`, `--rc-radius`, `--rc-font`, ...) set on any ancestor; light and dark by default.
 *
 * @slot title - The heading of the sidebar; "Run Comparer" by default.
 *
 * @csspart base - The layout grid.
 * @csspart sidebar - The sidebar; `main` is the main area.
 * @csspart header - The sidebar header with the `title` and project.
 * @csspart project - The current entity/project; `project-form` is the form to change it.
 * @csspart run-picker - The `<run-picker>`; `key-picker`, `step-slider`, `image-compare`, `image-detail` likewise.
 * @csspart thumb-size - The thumbnail size slider (a label around a range input).
 * @csspart align - "Line up lists by position | by caption" (a label around a select). By caption is
 *   picked by itself when the runs' captions at the step are the same in a different order; a choice by hand
 *   is kept in the URL (`align=`).
 * @csspart notice - A note about a link that could not be fully reopened.
 * @csspart run-details - The collapsible "Run details" region under the grid: the selected runs' config differences
 *   (`<run-config-diff>`; pressing a key shows it under each run's name in the grid) and their metrics at the step
 *   (`<run-metrics>`), loaded as their own chunk. "Sort runs by" (part `sort`) orders the grid's rows by a config
 *   key shown there (numbers as numbers, runs without it last). Kept in the URL (`details=open`, `metric=`,
 *   `config=`, `sort=[-]<key>`).
 * @csspart download-button - "Download PNG": the grid at the step (run names, keys, captions, the step) as one
 *   picture drawn from the images it shows (they must be readable: same origin or CORS); a status says what failed.
 * @csspart evolution-button - "Watch a sample evolve": the evolution view (`<image-evolution>`, part `image-evolution`)
 *   of the image opened last, in place of the grid until `grid-button` ("Back to the grid"); also `E` in the
 *   detail view. Kept in the URL (`view=evolution&sample=<key>:<index>`, `caption=` by caption).
 * @csspart hint - "Shift+click another image to compare A and B", once the first image is marked (a status).
 * @csspart help-button - "Keyboard shortcuts": opens `keyboard-help`, a modal dialog listing the gestures (also `?`).
 *
 * @cssproperty [--run-comparer-sidebar-width=22rem] - Width of the sidebar.
 */
export class RunComparer extends LitElement {
  static override styles = [tokens, controlStyles, styles];

  /** Base URL of a Run Comparer server (e.g. `/api`); ignored when `source` is set. */
  @property() api: string | undefined;

  /** The RunSource to read from; takes precedence over `api`. */
  @property({ attribute: false }) source: RunSource | undefined;

  /** The entity shown when the URL names none. */
  @property() entity: string | undefined;

  /** The project shown when the URL names none. */
  @property() project: string | undefined;

  /** Leave the page URL alone: no restoring from it, no writing to it. */
  @property({ type: Boolean, attribute: 'no-url' }) noUrl = false;

  /**
   * Thumbnail size in CSS pixels (96–512), set with the size slider above the grid; the last
   * one chosen is remembered on this browser (localStorage) and used when the attribute is absent.
   */
  @property({ type: Number, attribute: 'thumb-size', reflect: true }) thumbSize: number =
    rememberedThumbSize() ?? THUMB_SIZE.initial;

  /** How many of the newest runs to select when the comparer opens with none chosen (0: none). */
  @property({ type: Number, attribute: 'initial-runs' }) initialRuns = 3;

  /**
   * Open also on the oldest run of the newest run's sweep group (its `group`), the usual baseline,
   * added to the `initial-runs` newest when it is not among them.
   */
  @property({ type: Boolean, attribute: 'with-baseline' }) withBaseline = false;

  /** Settles once the view from the URL (or the default project) has been opened. */
  ready: Promise<void> = Promise.resolve();

  @state() private editingProject = false;
  /** How lists line up when nobody chose: by caption when the runs' captions are the same, reordered. */
  @state() private suggestedAlign: Align = 'index';
  @state() private chosenAlign: Align | null = null;
  /** The config keys shown under run names, as chosen in the run details. */
  private configKeys: readonly string[] = [];
  /** The grid's run rows in the order chosen in the run details (unset: the selection's). */
  private arrange: ((runs: readonly SelectedRun[]) => SelectedRun[]) | undefined;
  @query('wandb-source') private provider!: WandbSource | null;

  readonly #selection = new SelectionController(this, {
    watch: ['project', 'runs', 'detail', 'compare'],
    onChange: ({ detail, compare }) => {
      // A link may reopen an image or a comparison: their dialogs load on first use.
      if (detail) needElement('image-detail');
      if (compare.length) needElement('image-pair');
      if (this.#openedWith && this.#openedWith.store !== this.store) this.ready = this.#open();
    },
  });
  readonly #url = new UrlSyncController(this, {
    store: () => this.store,
    source: () => this.provider?.runSource,
    defaultProject: () => this.#defaultProject(),
    enabled: () => !this.noUrl,
    initialRuns: () => this.initialRuns,
    baseline: () => this.withBaseline,
    align: () => this.chosenAlign,
    restoreAlign: (align) => (this.chosenAlign = align),
    sample: () => this.#evolution.sample,
    restoreSample: (sample) => this.#evolution.restore(sample),
  });
  readonly #help = new KeyboardHelpController(this);
  readonly #evolution = new EvolutionView(this, {
    store: () => this.store,
    source: () => this.provider?.runSource,
    byCaption: () => (this.chosenAlign ?? this.suggestedAlign) === 'caption',
    frameSize: () => validThumbSize(this.thumbSize) ?? THUMB_SIZE.initial,
    write: () => this.#url.write(true),
  });
  readonly #download = new GridDownload(this, () => {
    const source = this.provider?.runSource;
    const size = validThumbSize(this.thumbSize) ?? THUMB_SIZE.initial;
    return source ? { source, store: this.store, align: this.chosenAlign ?? this.suggestedAlign, size } : null;
  });
  #openedWith: { source: RunSource; store: SelectionStore } | undefined;
  /** The source of an enclosing provider, as last rendered. */
  #outerSource: RunSource | undefined;

  /** The selection shared by every part of the comparer (an enclosing `<wandb-source>`'s, if any). */
  get store(): SelectionStore {
    return this.#selection.store;
  }

  protected override updated(changed: PropertyValues): void {
    const outer = this.#selection.source;
    if (changed.has('source') || changed.has('api') || outer !== this.#outerSource) {
      this.#outerSource = outer;
      this.ready = this.#open();
    } else if (this.#openedWith && (changed.has('entity') || changed.has('project')))
      this.store.setProject(this.#defaultProject());
  }

  /** Open the linked view once there is a source (and again when the source or store changes). */
  async #open(): Promise<void> {
    await this.provider?.updateComplete;
    const source = this.provider?.runSource;
    if (!source || (source === this.#openedWith?.source && this.store === this.#openedWith.store)) return;
    this.#openedWith = { source, store: this.store };
    await this.#url.restore();
  }

  protected override render() {
    return html`<wandb-source
      .store=${this.store}
      .source=${this.source ?? (this.api ? undefined : this.#selection.source)}
      .api=${this.api}
    >
      <div part="base" class="layout">
        <div class="sidebar-column">
          <aside part="sidebar" class="sidebar" aria-label="Runs and image keys">
            ${this.#renderHeader()}
            <section class="section runs" aria-labelledby="runs-heading">
              <h2 id="runs-heading" class="heading">Runs</h2>
              <run-picker part="run-picker" exportparts="option: run-option"></run-picker>
            </section>
            <section class="section keys" aria-labelledby="keys-heading">
              <h2 id="keys-heading" class="heading">Image keys</h2>
              <image-key-picker part="key-picker"></image-key-picker>
            </section>
          </aside>
        </div>
        <main part="main" class="main">
          ${this.#url.restoreIssue ? this.#renderNotice(this.#url.restoreIssue) : nothing}
          <section class="card slider-card" aria-label="Training step">
            <step-slider part="step-slider"></step-slider>
            ${renderAlign(this.chosenAlign ?? this.suggestedAlign, (align) => {
              this.chosenAlign = align;
              this.#url.write(true);
            })}
            ${renderThumbSize(this.thumbSize, (size) => {
              this.thumbSize = size;
              rememberThumbSize(size);
            })}
            ${this.#evolution.renderButton()} ${this.#download.render()}
            ${this.#help.render(this.store.value.compare.length)}
          </section>
          ${this.#evolution.render()}
          <section class="grid-card" aria-label="Images" ?hidden=${!!this.#evolution.sample}>
            <image-compare
              part="image-compare"
              .thumbSize=${validThumbSize(this.thumbSize) ?? THUMB_SIZE.initial}
              .align=${this.chosenAlign ?? this.suggestedAlign}
              .configKeys=${this.configKeys}
              .runs=${this.arrange?.(this.store.value.runs)}
              @step-ready=${this.#suggestAlign}
            ></image-compare>
          </section>
          <run-details-panel
            part="run-details"
            ?url=${!this.noUrl}
            @run-details-change=${(e: RunDetailsChangeEvent) => {
              this.configKeys = e.state.configKeys;
              this.arrange = e.state.sort || e.configs.size ? (runs) => e.arrange(runs) : undefined;
              this.requestUpdate();
            }}
          ></run-details-panel>
          <image-detail part="image-detail"></image-detail>
          <image-pair></image-pair>
        </main>
      </div>
    </wandb-source>`;
  }

  #renderHeader() {
    const project = this.store.value.project;
    const count = this.store.value.runs.length;
    return html`<header part="header" class="header">
      <div part="title" class="title"><slot name="title">Run Comparer</slot></div>
      ${
        this.editingProject
          ? html`<form
              part="project-form"
              class="project-form"
              aria-label="Open a project"
              @submit=${this.#onProjectSubmit}
              @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && this.#closeProjectForm()}
            >
              <label
                >Entity <input class="field" name="entity" required autocomplete="off" .value=${project?.entity ?? ''}
              /></label>
              <label
                >Project
                <input class="field" name="project" required autocomplete="off" .value=${project?.project ?? ''}
              /></label>
              <div class="form-actions">
                <button class="button primary" type="submit">Open</button>
                <button class="button" type="button" @click=${this.#closeProjectForm}>Cancel</button>
              </div>
            </form>`
          : html`<div part="project" class="project">
              ${
                project
                  ? html`<span class="project-name" title="${project.entity}/${project.project}">
                      <span class="entity">${project.entity} /</span> <strong>${project.project}</strong>
                    </span>`
                  : html`<span class="muted">No project chosen</span>`
              }
              <button
                aria-label=${project ? 'Change project' : 'Choose a project'}
                class="button button--quiet"
                type="button"
                @click=${this.#editProject}
              >
                ${project ? 'Change' : 'Choose'}
              </button>
            </div>`
      }
      <p class="selection-summary" aria-live="polite">
        ${count ? `${plural(count, 'run')} selected` : 'Select runs to compare their images.'}
      </p>
    </header>`;
  }

  #renderNotice(issue: string) {
    return html`<div part="notice" class="notice callout" role="status">
      <span>${issue}</span>
      <button
        class="button button--quiet"
        type="button"
        @click=${() => ((this.#url.restoreIssue = null), this.requestUpdate())}
      >
        Dismiss
      </button>
    </div>`;
  }

  #suggestAlign = (event: StepReadyEvent): void => {
    const source = this.provider?.runSource;
    if (!source || this.chosenAlign) return;
    const { runs, keys } = this.store.value;
    const lists = captionsAt(
      viewerData(source),
      runs.map((r) => r.ref),
      keys,
      event.step,
    );
    this.suggestedAlign = captionsReordered(lists) ? 'caption' : 'index';
  };

  #defaultProject(): ProjectRef | null {
    return this.entity && this.project ? { entity: this.entity, project: this.project } : this.store.value.project;
  }

  #editProject = async (): Promise<void> => {
    this.editingProject = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('.project-form input')?.focus();
  };

  #onProjectSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const entity = String(data.get('entity') ?? '').trim();
    const project = String(data.get('project') ?? '').trim();
    if (!entity || !project) return;
    this.#url.markUserIntent();
    this.store.setProject({ entity, project });
    this.#closeProjectForm();
  };

  #closeProjectForm = async (): Promise<void> => {
    this.editingProject = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('[part="project"] button')?.focus();
  };
}
