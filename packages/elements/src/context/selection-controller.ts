import { ContextConsumer } from '@lit/context';
import type { RunSource } from '@run-comparer/wandb-client';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { runSourceContext, selectionContext } from './contexts.js';
import { SelectionChangeEvent, SelectionStore, type Selection, type SelectionChange } from './selection-store.js';

type Host = ReactiveControllerHost & HTMLElement;
type ChangeHandler = (selection: Selection, changed: ReadonlySet<SelectionChange>) => void;

const EVERYTHING: ReadonlySet<SelectionChange> = new Set([
  'project',
  'runs',
  'keys',
  'step',
  'axis',
  'compare',
  'detail',
]);

/**
 * What a component takes from an enclosing `<wandb-source>` (or any provider): the run source, and
 * the selection store, or with no provider a private store, so a lone component still keeps a
 * selection and run colours. Calls `onChange` and re-renders the host when the watched parts of
 * the selection change (`watch`; all by default), and with every part when the store itself is swapped.
 */
export class SelectionController implements ReactiveController {
  readonly #own = new SelectionStore();
  readonly #watch: ReadonlySet<SelectionChange> | null;
  readonly #onChange: ChangeHandler | undefined;
  readonly #shared: ContextConsumer<typeof selectionContext, Host>;
  readonly #source: ContextConsumer<typeof runSourceContext, Host>;
  /** The store listened to while connected. */
  #listened: SelectionStore | undefined;

  constructor(
    private readonly host: Host,
    options: { watch?: SelectionChange[]; onChange?: ChangeHandler } = {},
  ) {
    this.#watch = options.watch ? new Set(options.watch) : null;
    this.#onChange = options.onChange;
    this.#shared = new ContextConsumer(host, {
      context: selectionContext,
      subscribe: true,
      callback: () => this.#follow(),
    });
    this.#source = new ContextConsumer(host, { context: runSourceContext, subscribe: true });
    host.addController(this);
  }

  /** The shared store when a provider answered, else this component's own. */
  get store(): SelectionStore {
    return this.#shared.value ?? this.#own;
  }

  get value(): Selection {
    return this.store.value;
  }

  /** Whether the store is shared through context (false: this component's own). */
  get shared(): boolean {
    return !!this.#shared.value;
  }

  /** The run source provided through context, if any. */
  get source(): RunSource | undefined {
    return this.#source.value;
  }

  hostConnected(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#listen(undefined);
  }

  /** Listen to the current store; a store not listened to yet counts as a change of everything. */
  #follow(): void {
    const store = this.store;
    if (store === this.#listened) return;
    this.#listen(store);
    this.#onChange?.(store.value, EVERYTHING);
    this.host.requestUpdate();
  }

  #listen(store: SelectionStore | undefined): void {
    this.#listened?.removeEventListener(SelectionChangeEvent.eventName, this.#handle);
    this.#listened = store;
    store?.addEventListener(SelectionChangeEvent.eventName, this.#handle);
  }

  #handle = (event: Event): void => {
    const { selection, changed } = event as SelectionChangeEvent;
    if (this.#watch && ![...changed].some((c) => this.#watch!.has(c))) return;
    this.#onChange?.(selection, changed);
    this.host.requestUpdate();
  };
}
