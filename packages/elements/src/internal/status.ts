import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { ErrorDescription } from './describe-error.js';
import type { RetryController } from '../controllers/retry-controller.js';

/**
 * A load failure: what failed, the reason in words a user can act on, a Retry button and, for
 * rate limits, the countdown to the automatic retry. Parts: `error`, `retry-button`.
 */
export function renderFailure(what: string, failure: ErrorDescription, retry: RetryController): TemplateResult {
  const waiting = retry.secondsLeft;
  const reason =
    waiting !== null && failure.code === 'rate_limited'
      ? 'wandb is limiting how fast we may ask (rate limited).'
      : failure.message;
  return html`<div part="error" class="status status--error">
    <div role="alert">
      <p class="status-title">Could not load ${what}.</p>
      <p class="status-detail">${reason}</p>
    </div>
    ${waiting === null ? nothing : html`<p class="status-detail countdown">Retrying in ${waiting} s…</p>`}
    <button part="retry-button" class="button" type="button" @click=${retry.retryNow}>
      ${waiting === null ? 'Retry' : 'Retry now'}
    </button>
  </div>`;
}

/** An empty or informational state: a title, what to do next, and optionally an action. */
export function renderMessage(
  title: string,
  detail: string | TemplateResult | typeof nothing = nothing,
  action: TemplateResult | typeof nothing = nothing,
): TemplateResult {
  return html`<div part="message" class="status" role="status">
    <p class="status-title">${title}</p>
    ${detail === nothing ? nothing : html`<p class="status-detail">${detail}</p>`} ${action}
  </div>`;
}

/** Placeholder rows while a list loads; hidden from assistive tech (a live status says "Loading"). */
export function renderSkeleton(rows: number, label: string): TemplateResult {
  return html`<div part="skeleton">
    <span class="visually-hidden" role="status">${label}</span>
    ${Array.from(
      { length: rows },
      (_, i) =>
        html`<div class="skeleton-row" aria-hidden="true">
          <span class="skeleton-box"></span>
          <span class="skeleton-line" style=${styleMap({ width: `${55 + ((i * 37) % 40)}%` })}></span>
        </div>`,
    )}
  </div>`;
}
