import { html, render, type TemplateResult } from 'lit';

/* Loaded on first use (`?` or the button), so the first load does not carry it. */

/** The comparer's gestures, where each applies. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; where: string; does: string }> = [
  { keys: 'Shift+click', where: 'an image', does: 'Mark it A, then another B, to compare them (Shift+Enter too)' },
  { keys: 'Enter', where: 'an image', does: 'Open it at full size' },
  { keys: '← → ↑ ↓', where: 'the grid', does: 'Move between images' },
  { keys: '← →', where: 'the step slider', does: 'Previous or next step (Page Up/Down, Home/End jump)' },
  { keys: 'Ctrl+A ⌘+A', where: 'the run list', does: 'Select all runs (or clear them when all are selected)' },
  { keys: 'Esc', where: 'a dialog', does: 'Close it' },
  { keys: '?', where: 'anywhere', does: 'Show these shortcuts' },
];

/** `Shift+click` as <kbd>Shift</kbd>+<kbd>click</kbd>; spaces separate alternatives. */
const renderKeys = (keys: string) =>
  keys
    .split(' ')
    .map(
      (combo, i) => html`${i ? ' ' : ''}${combo.split('+').map((key, j) => html`${j ? '+' : ''}<kbd>${key}</kbd>`)}`,
    );

/** Where focus was before the help opened, to return it there (the dialog is modal: one at a time). */
let opener: HTMLElement | null = null;

function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * Open the help as a native modal dialog in `host`'s shadow root (rendered there on first use, so
 * the host's own styles apply); Esc and Close close it, and focus returns where it was.
 */
export function showKeyboardHelp(host: HTMLElement, path?: EventTarget[]): void {
  if (path && !helpKeyFor(host, path)) return;
  const root = host.shadowRoot!;
  let dialog = root.querySelector<HTMLDialogElement>('dialog.keyboard-help');
  if (dialog?.open) return;
  if (!dialog) {
    const container = document.createElement('div');
    render(renderKeyboardHelp(), container);
    root.append(container);
    dialog = container.querySelector('dialog')!;
  }
  opener = deepActiveElement();
  dialog.showModal();
}

/** Whether a `?` pressed along `path` asks `host` for help: inside it or on the page, not typing text. */
function helpKeyFor(host: HTMLElement, path: EventTarget[]): boolean {
  const target = path[0];
  if (!(target instanceof HTMLElement) || target.isContentEditable) return false;
  const typing =
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['range', 'checkbox', 'radio', 'button', 'submit'].includes(target.type));
  return !typing && (target === document.body || path.includes(host));
}

function closed(): void {
  if (opener?.isConnected) opener.focus();
  opener = null;
}

/** A native modal `<dialog>` listing the shortcuts; Esc and its Close button close it. */
function renderKeyboardHelp(): TemplateResult {
  return html`<dialog part="keyboard-help" class="keyboard-help" aria-labelledby="keyboard-help-title" @close=${closed}>
    <style>
      .keyboard-help {
        max-width: min(40rem, calc(100vw - 2rem));
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: var(--_text);
      }
      .keyboard-help table {
        border-collapse: collapse;
        margin-block: 0.75rem;
      }
      .keyboard-help th,
      .keyboard-help td {
        padding: 0.25rem 0.75rem 0.25rem 0;
        text-align: start;
        vertical-align: top;
      }
      .keyboard-help kbd {
        padding: 0 0.25rem;
        border: 1px solid var(--_border);
        border-radius: 0.25rem;
        font-family: inherit;
      }
    </style>
    <h2 id="keyboard-help-title" class="heading">Keyboard shortcuts</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">On</th>
          <th scope="col">Does</th>
        </tr>
      </thead>
      <tbody>
        ${SHORTCUTS.map(
          ({ keys, where, does }) =>
            html`<tr>
              <td>${renderKeys(keys)}</td>
              <td>${where}</td>
              <td>${does}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <form method="dialog" class="form-actions">
      <button class="button primary" autofocus>Close</button>
    </form>
  </dialog>`;
}
