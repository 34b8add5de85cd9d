import type { LitElement, ReactiveController } from 'lit';

/** The focused element, looking inside shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

/**
 * Drives the native modal `<dialog>` in a component's shadow root from its state: opens it with
 * `showModal()` (the page behind becomes inert, Escape closes it), moves focus in, and on close
 * gives focus back to the element that had it and tells the host (`onClose`) so it can clear its
 * state (and fire its `close` event).
 */
export class ModalDialogController implements ReactiveController {
  #opener: HTMLElement | null = null;
  /** The dialog shown whose `close` event is not handled yet: it may already be closing (Escape, the
   *  close button) with that event queued, and a render in between must not reopen it. */
  #shown: HTMLDialogElement | null = null;

  constructor(
    private readonly host: LitElement,
    private readonly onClose: () => void,
  ) {
    host.addController(this);
  }

  get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot?.querySelector('dialog') ?? null;
  }

  hostDisconnected(): void {
    this.dialog?.close();
  }

  /** Call from `updated()`: open or close the dialog to match `open`. */
  sync(open: boolean, focusTarget?: HTMLElement | null): void {
    const dialog = this.dialog;
    if (!dialog?.isConnected || open === dialog.open || (open && this.#shown === dialog)) return;
    if (open) {
      this.#opener = deepActiveElement();
      dialog.showModal();
      this.#shown = dialog;
      focusTarget?.focus();
    } else {
      dialog.close();
    }
  }

  /** The close button's click listener. */
  close = (): void => this.dialog?.close();

  /** The dialog's `close` listener. */
  handleClose = (): void => {
    this.#shown = null;
    const opener = this.#opener;
    this.#opener = null;
    this.onClose();
    // Firefox may still treat the page as inert during the close event; focus once it is not.
    const restore = () => opener?.isConnected && opener.focus();
    restore();
    if (opener && deepActiveElement() !== opener) requestAnimationFrame(restore);
  };
}
