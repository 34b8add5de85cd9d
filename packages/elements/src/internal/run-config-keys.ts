import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { configText } from '../run-config-diff/config-value.js';
import { tokens } from '../styles/tokens.js';

/** Values longer than this many characters are shortened under a run's name. */
export const CONFIG_VALUE_MAX = 14;

/**
 * The value a config holds at `key`: the key as it is, else nested objects followed along its dots
 * (`optimizer.name` in `{ optimizer: { name } }`), as the config diff flattens them. `present` is
 * false when the run does not set the key.
 */
export function configValueAt(
  config: Readonly<Record<string, unknown>> | undefined,
  key: string,
): { present: boolean; value: unknown } {
  if (!config) return { present: false, value: undefined };
  if (Object.hasOwn(config, key)) return { present: true, value: config[key] };
  const parts = key.split('.');
  for (let cut = parts.length - 1; cut > 0; cut--) {
    const head = parts.slice(0, cut).join('.');
    const inner = config[head];
    if (Object.hasOwn(config, head) && inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      return configValueAt(inner as Record<string, unknown>, parts.slice(cut).join('.'));
    }
  }
  return { present: false, value: undefined };
}

/**
 * `key=value` lines under a run's name in `<image-compare>`, one per key (internal; it loads as its
 * own small chunk the first time a grid shows config keys). A long value is shortened with "…"; the
 * whole one shows on hover and on keyboard focus (the line is then focusable), and screen readers
 * read it whole. A run without the key shows "—" ("not set").
 */
export class RunConfigKeys extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: flex;
        flex-direction: column;
        font-weight: 400;
        font-size: 0.75rem;
        color: var(--_muted);
        font-variant-numeric: tabular-nums;
      }
      .long:not(:hover, :focus) .full {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .long:is(:hover, :focus) .short {
        display: none;
      }
    `,
  ];

  /** The run's config, as logged (nested objects not flattened). */
  @property({ attribute: false }) config: Readonly<Record<string, unknown>> | undefined;

  /** The keys to show, in order. */
  @property({ attribute: false }) keys: readonly string[] = [];

  protected override render() {
    return this.keys.map((key) => {
      const { present, value } = configValueAt(this.config, key);
      const text = present ? configText(value) : null;
      if (text === null) {
        return html`<span part="entry"
          >${`${key}=`}<span aria-hidden="true">—</span><span class="visually-hidden">not set</span></span
        >`;
      }
      const long = text.length > CONFIG_VALUE_MAX;
      return html`<span part="entry" class=${long ? 'long' : ''} tabindex=${long ? 0 : nothing}
        >${`${key}=`}${
          long
            ? html`<span class="short" aria-hidden="true">${text.slice(0, CONFIG_VALUE_MAX - 1)}…</span
                ><span part="full" class="full">${text}</span>`
            : text
        }</span
      >`;
    });
  }
}

if (!customElements.get('run-config-keys')) customElements.define('run-config-keys', RunConfigKeys);

declare global {
  interface HTMLElementTagNameMap {
    'run-config-keys': RunConfigKeys;
  }
}
