import { createContext } from '@lit/context';
import type { RunSource } from '@run-comparer/wandb-client';
import type { SelectionStore } from './selection-store.js';

/** The RunSource every element reads from; provided by `<wandb-source>` or any provider. */
export const runSourceContext = createContext<RunSource | undefined>(Symbol.for('run-comparer.run-source'));

/** The shared selection (project, runs, keys, step, compare); provided by `<wandb-source>`. */
export const selectionContext = createContext<SelectionStore | undefined>(Symbol.for('run-comparer.selection'));
