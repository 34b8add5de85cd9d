import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { selectionContext } from './contexts.js';
import { SelectionChangeEvent, type Selection, type SelectionChange, type SelectionStore } from './selection-store.js';

/**
 * Gives a component the shared selection store and re-renders it when the parts it cares about
 * change. `watch` limits updates to those parts (e.g. a picker need not re-render on every step).
 */
export class SelectionController implements ReactiveController {
  #consumer: ContextConsumer<typeof selectionContext, ReactiveControllerHost & HTMLElement>;
  #store: SelectionStore | undefined;
  #watch: ReadonlySet<SelectionChange> | null;
  #onChange?: ((selection: Selection, changed: ReadonlySet<SelectionChange>) => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    options: {
      watch?: SelectionChange[];
      onChange?: (selection: Selection, changed: ReadonlySet<SelectionChange>) => void;
    } = {},
  ) {
    this.#watch = options.watch ? new Set(options.watch) : null;
    this.#onChange = options.onChange;
    this.#consumer = new ContextConsumer(host, {
      context: selectionContext,
      subscribe: true,
      callback: (store) => this.#attach(store),
    });
    host.addController(this);
  }

  /** The store, once a provider has been found. */
  get store(): SelectionStore | undefined {
    return this.#store;
  }

  get value(): Selection | undefined {
    return this.#store?.value;
  }

  hostConnected(): void {
    if (this.#consumer.value && this.#consumer.value !== this.#store) this.#attach(this.#consumer.value);
  }

  hostDisconnected(): void {
    this.#store?.removeEventListener(SelectionChangeEvent.eventName, this.#handle);
    this.#store = undefined;
  }

  #attach(store: SelectionStore | undefined): void {
    this.#store?.removeEventListener(SelectionChangeEvent.eventName, this.#handle);
    this.#store = store;
    store?.addEventListener(SelectionChangeEvent.eventName, this.#handle);
    if (store) this.#onChange?.(store.value, new Set(Object.keys(store.value) as SelectionChange[]));
    this.host.requestUpdate();
  }

  #handle = (event: Event): void => {
    const { selection, changed } = event as SelectionChangeEvent;
    if (this.#watch && ![...changed].some((c) => this.#watch!.has(c))) return;
    this.#onChange?.(selection, changed);
    this.host.requestUpdate();
  };
}
