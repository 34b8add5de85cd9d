import { TaskStatus } from '@lit/task';
import type { RunSource } from '@run-comparer/wandb-client';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ImageKeysChangeEvent } from '../events/image-keys-change.js';
import { describeError } from '../internal/describe-error.js';
import { emitChange, stopInner } from '../internal/emit.js';
import { plural } from '../internal/format.js';
import { ListboxController } from '../controllers/listbox-controller.js';
import { tokens } from '../styles/tokens.js';
import { SourceTask } from '../controllers/source-task.js';
import { renderMessage, renderSkeleton } from '../internal/status.js';
import { SelectionController } from '../context/selection-controller.js';
import { runName, sameList } from '../context/selection-store.js';
import { controlStyles } from '../styles/controls.js';
import { styles } from './image-key-picker.styles.js';
import { loadKeys, preselectKeys, type KeyLoad, type KeyOption } from './load-keys.js';

/**
 * @summary The image keys the selected runs logged, to choose which ones to compare.
 *
 * Reads the selected runs from the shared selection and asks the source which history keys hold
 * images in each, showing the union with how many of the runs logged each key. A multi-select
 * listbox (WAI-ARIA APG keys, as in `<run-picker>`) plus an "All keys" check box. When keys are
 * first offered and none is chosen, up to `max-preselected` keys are chosen (those holding samples,
 * such as `samples/prompts` or `best_sample`, first, then those most runs logged); keys the runs no
 * longer have are dropped from the selection.
 *
 * Themed by the shared `--rc-*` tokens (`--rc-accent`, `--rc-background`, `--rc-surface`, `--rc-border`,
 * `--rc-text`, `--rc-muted`, `--rc-radius`, `--rc-font`, ...) set on any ancestor; light and dark by default.
 *
 * @fires change - The user changed the chosen keys (not fired for programmatic or automatic choices).
 * @fires image-keys-change - {ImageKeysChangeEvent} The same moment, with the chosen keys.
 *
 * @csspart base - The wrapper of everything.
 * @csspart select-all - The "All keys" check box.
 * @csspart list - The listbox.
 * @csspart option - A key row; chosen rows also have `option-selected`.
 * @csspart check - A row's check box.
 * @csspart key - A key's name.
 * @csspart count - How many runs logged a key.
 * @csspart warning - The note naming runs whose keys could not be read.
 * @csspart message - Empty and informational states.
 * @csspart error - The error state.
 * @csspart retry-button - The Retry button of an error.
 * @csspart skeleton - Placeholder rows while loading.
 */
export class ImageKeyPicker extends LitElement {
  static override styles = [tokens, controlStyles, styles];

  /** Where keys come from; defaults to the source provided by `<wandb-source>`. */
  @property({ attribute: false }) source: RunSource | undefined;

  /** Keys to offer instead of asking the source (pure use), each with how many runs logged it. */
  @property({ attribute: false }) imageKeys: KeyOption[] | undefined;

  /** How many keys to choose by themselves when keys first appear and none is chosen. */
  @property({ type: Number, attribute: 'max-preselected' }) maxPreselected = 4;

  /** The accessible name of the list. */
  @property() label = 'Image keys';

  readonly #store = new SelectionController(this, {
    watch: ['project', 'runs', 'keys'],
    onChange: (_, changed) => {
      if (changed.has('project')) this.#userChose = false;
    },
  });
  readonly #task = new SourceTask(this, {
    task: ([source, runIds], { signal }) =>
      source && runIds
        ? loadKeys(
            source,
            this.#store.value.runs.map((r) => r.ref),
            signal,
          )
        : null,
    args: () => [this.source ?? this.#store.source, this.#store.value.runs.map((r) => r.ref.runId).join('\n')] as const,
    onComplete: (load) => {
      if (load) this.#reconcile(load.options, load.failed.length === 0);
    },
  });
  readonly #listbox = new ListboxController(this, 'key', {
    count: () => this.#options.length,
    isSelected: (index) => this.value.includes(this.#options[index]?.key ?? ''),
    select: (indices, selected) => {
      const touched = new Set(indices.map((i) => this.#options[i]?.key));
      this.#commit(
        this.#options.map((o) => o.key).filter((key) => (touched.has(key) ? selected : this.value.includes(key))),
      );
    },
  });
  /** Whether the user has chosen keys themselves (then nothing is chosen for them). */
  #userChose = false;

  /** The chosen keys, in list order. Setting it chooses them without events. */
  get value(): string[] {
    return [...this.#store.value.keys];
  }
  set value(keys: string[]) {
    this.#store.store.setKeys(keys);
  }

  get #options(): KeyOption[] {
    return this.imageKeys ?? this.#task.value?.options ?? [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('imageKeys') && this.imageKeys) this.#reconcile(this.imageKeys, true);
  }

  protected override render() {
    return html`<div part="base" class="base">${this.#renderBody()}</div>`;
  }

  #renderBody() {
    if (!this.imageKeys) {
      if (!(this.source ?? this.#store.source)) {
        return renderMessage('No run source', 'Put this picker inside <wandb-source>, or set its source property.');
      }
      if (this.#store.value.runs.length === 0) return renderMessage('Select runs to see their image keys');
      const failure = this.#task.renderFailure('image keys');
      if (failure) return failure;
      if (!this.#task.value) return renderSkeleton(3, 'Loading image keys…');
    }
    const options = this.#options;
    if (options.length === 0) {
      return renderMessage(
        this.imageKeys || this.#store.value.runs.length > 1
          ? 'These runs logged no images'
          : 'This run logged no images',
        'Runs show up here once they log images, e.g. wandb.log({"samples": [wandb.Image(...)]}).',
      );
    }
    return html`${this.#renderSelectAll(options)} ${this.#renderList(options)} ${this.#renderWarning()}`;
  }

  #renderSelectAll(options: KeyOption[]) {
    const chosen = options.filter((o) => this.value.includes(o.key)).length;
    return html`<label class="all">
      <input
        part="select-all"
        type="checkbox"
        .checked=${chosen === options.length}
        .indeterminate=${chosen > 0 && chosen < options.length}
        @input=${stopInner}
        @change=${(event: Event) => {
          event.stopPropagation();
          this.#commit(chosen === options.length ? [] : options.map((o) => o.key));
        }}
      />
      All keys <span class="muted">(${chosen} of ${options.length})</span>
    </label>`;
  }

  #renderList(options: KeyOption[]) {
    const runs = this.imageKeys ? Math.max(0, ...options.map((o) => o.runs)) : this.#store.value.runs.length;
    const busy = this.#task.status === TaskStatus.PENDING && !this.imageKeys;
    return this.#listbox.render(
      this.label,
      busy,
      options.map((option, index) => {
        const slash = option.key.lastIndexOf('/') + 1;
        return this.#listbox.option(
          index,
          this.value.includes(option.key),
          html`<span class="key" part="key" title=${option.key}
              ><span class="prefix">${option.key.slice(0, slash)}</span>${option.key.slice(slash)}</span
            >
            <span class="count${option.runs < runs ? ' partial' : ''}" part="count">
              ${runs > 1 ? `${option.runs} of ${runs} runs` : plural(option.runs, 'run')}
            </span>`,
        );
      }),
    );
  }

  #renderWarning() {
    const failed = this.imageKeys ? [] : (this.#task.value?.failed ?? []);
    if (failed.length === 0) return nothing;
    const names = failed.map(({ ref }) => runName(this.#store.value, ref.runId));
    return html`<p part="warning" class="warning callout" role="status">
      Could not read the keys of ${names.join(', ')}: ${describeError(failed[0]!.error).message}
      <button class="button button--quiet" type="button" @click=${() => void this.#task.run()}>Try again</button>
    </p>`;
  }

  /** After keys load: drop chosen keys that are gone, and choose some if none is chosen yet. */
  #reconcile(options: readonly KeyOption[], complete: boolean): void {
    const available = new Set(options.map((o) => o.key));
    const kept = this.value.filter((key) => available.has(key));
    if (kept.length === 0 && !this.#userChose) this.#store.store.setKeys(preselectKeys(options, this.maxPreselected));
    else if (complete && kept.length !== this.value.length) this.#store.store.setKeys(kept);
  }

  #commit(keys: string[]): void {
    if (sameList(keys, this.value)) return;
    this.#userChose = true;
    this.#store.store.setKeys(keys);
    emitChange(this, new ImageKeysChangeEvent(this.value));
  }
}

export type { KeyOption, KeyLoad };
