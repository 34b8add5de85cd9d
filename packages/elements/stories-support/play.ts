import { waitFor } from 'storybook/test';

/** Helpers for play functions: what a user would see, read from the elements' shadow roots. */

/** Text with whitespace collapsed. */
export function textOf(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every match of `selector` in the shadow root of `host`. */
export function allInShadow<T extends Element = HTMLElement>(host: Element | null, selector: string): T[] {
  return [...(host?.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/**
 * Wait until at least `count` images in the shadow root of `host` have loaded and have pixels
 * (thumbnails load lazily, so only those in view), and return them.
 */
export function loadedImages(host: Element | null, count = 1): Promise<HTMLImageElement[]> {
  return waitFor(() => {
    const loaded = allInShadow<HTMLImageElement>(host, 'img').filter((img) => img.complete && img.naturalWidth > 0);
    if (loaded.length < count) throw new Error(`waiting for ${count} loaded images (${loaded.length} so far)`);
    return loaded;
  });
}

/** Wait until `selector` matches in the shadow root of `host` (elements render asynchronously). */
export function findInShadow<T extends Element = HTMLElement>(host: Element | null, selector: string): Promise<T> {
  return waitFor(() => {
    const found = host?.shadowRoot?.querySelector<T>(selector);
    if (!found) throw new Error(`waiting for ${selector} in <${host?.localName}>`);
    return found;
  });
}

/**
 * Wait until the text of `selector` in the shadow root of `host` contains `expected` (or
 * matches it), and return that text. Queries afresh each time: states replace their elements.
 */
export function textInShadow(host: Element | null, selector: string, expected: string | RegExp): Promise<string> {
  return waitFor(() => {
    const text = textOf(host?.shadowRoot?.querySelector(selector));
    const matches = typeof expected === 'string' ? text.includes(expected) : expected.test(text);
    if (!matches) throw new Error(`waiting for ${selector} to read ${expected}; it reads "${text}"`);
    return text;
  });
}

/** Focus `selector` in the shadow root of `host`, as a keyboard user would, and wait until it has focus. */
export function focusInShadow<T extends HTMLElement = HTMLElement>(host: Element | null, selector: string): Promise<T> {
  return waitFor(() => {
    const element = host?.shadowRoot?.querySelector<T>(selector);
    element?.focus();
    if (!element || host!.shadowRoot!.activeElement !== element) throw new Error(`waiting to focus ${selector}`);
    return element;
  });
}
