import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SelectionController } from '../context/selection-controller.js';
import {
  SelectionChangeEvent,
  SelectionStore,
  type Selection,
  type SelectionChange,
} from '../context/selection-store.js';

type ChangeHandler = (selection: Selection, changed: ReadonlySet<SelectionChange>) => void;

const EVERYTHING: ReadonlySet<SelectionChange> = new Set(['project', 'runs', 'keys', 'step', 'compare', 'detail']);

/**
 * The selection store a component works with: the one provided through context (so every element
 * under a `<wandb-source>` shares it) or, with no provider, a private one, so a lone component
 * still keeps a selection and run colours. Calls `onChange` and re-renders the host when the
 * watched parts change, including when the store itself is swapped.
 */
export class StoreController implements ReactiveController {
  readonly #own = new SelectionStore();
  readonly #context: SelectionController;
  readonly #watch: ReadonlySet<SelectionChange> | null;
  readonly #onChange: ChangeHandler | undefined;
  #listening = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    options: { watch?: SelectionChange[]; onChange?: ChangeHandler } = {},
  ) {
    this.#watch = options.watch ? new Set(options.watch) : null;
    this.#onChange = options.onChange;
    this.#context = new SelectionController(host, {
      ...(options.watch ? { watch: options.watch } : {}),
      onChange: (selection, changed) => {
        this.#listenToOwn(false);
        this.#onChange?.(selection, changed);
      },
    });
    host.addController(this);
  }

  /** The shared store when a provider answered, else this component's own. */
  get store(): SelectionStore {
    return this.#context.store ?? this.#own;
  }

  get value(): Selection {
    return this.store.value;
  }

  /** Whether the store is shared through context (false: this component's own). */
  get shared(): boolean {
    return this.#context.store !== undefined;
  }

  hostConnected(): void {
    if (!this.#context.store && !this.#listening) {
      this.#listenToOwn(true);
      this.#onChange?.(this.#own.value, EVERYTHING);
    }
  }

  hostDisconnected(): void {
    this.#listenToOwn(false);
  }

  #listenToOwn(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    if (on) this.#own.addEventListener(SelectionChangeEvent.eventName, this.#handleOwn);
    else this.#own.removeEventListener(SelectionChangeEvent.eventName, this.#handleOwn);
  }

  #handleOwn = (event: Event): void => {
    const { selection, changed } = event as SelectionChangeEvent;
    if (this.#watch && ![...changed].some((c) => this.#watch!.has(c))) return;
    this.#onChange?.(selection, changed);
    this.host.requestUpdate();
  };
}
