import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/**
 * The comparer's keyboard help: `?` (inside the comparer, or on the page with nothing focused,
 * unless typing in a text field) and the "Keyboard shortcuts" button open a dialog listing the
 * gestures. Only this much is in the first load: keyboard-help-dialog.ts comes on the first `?`.
 */
export class KeyboardHelpController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('keydown', this.#onKeydown);
  }

  hostDisconnected(): void {
    removeEventListener('keydown', this.#onKeydown);
  }

  /** Open the help; for a `?` pressed along `path`, only inside the host (or the page) and not while typing. */
  show = (path?: EventTarget[]): Promise<void> =>
    import('./keyboard-help-dialog.js').then((help) => help.showKeyboardHelp(this.host, path));

  /** The button, and the hint shown while exactly one image is `marked` for comparison (a status). */
  render(marked: number): TemplateResult {
    const hint = marked === 1 ? 'Shift+click another image to compare A and B.' : '';
    return html`<button
        part="help-button"
        class="button button--quiet"
        aria-keyshortcuts="?"
        @click=${() => this.show()}
      >
        Keyboard shortcuts
      </button>
      <p part="hint" class="hint" role="status">${hint}</p>`;
  }

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key === '?') void this.show(event.composedPath());
  };
}
