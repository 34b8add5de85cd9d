import type { Run, RunState } from '@run-comparer/wandb-client';
import { html, nothing } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { styleMap } from 'lit/directives/style-map.js';
import { exactTime, relativeTime } from '../internal/format.js';
import { checkIcon } from '../internal/icons.js';

/** How a run state is shown: its badge tone. */
const STATE_TONE: Record<RunState, string> = {
  running: 'running',
  finished: 'done',
  crashed: 'bad',
  failed: 'bad',
  killed: 'quiet',
  preempted: 'quiet',
  pending: 'wait',
  preempting: 'wait',
  unknown: 'quiet',
};

export interface RunRowOptions {
  index: number;
  selected: boolean;
  active: boolean;
  /** The run's colour while it is selected. */
  color: string | undefined;
  now: number;
  onClick: (index: number, event: MouseEvent) => void;
}

/** One run as a listbox option: check box in the run's colour, name, state, time, user, group, tags. */
export function renderRunRow(run: Run, o: RunRowOptions) {
  const user = run.user?.name ?? run.user?.username;
  const tags = run.tags.slice(0, 3);
  return html`<div
    role="option"
    id="option-${o.index}"
    part="option${o.selected ? ' option-selected' : ''}"
    class=${classMap({ active: o.active })}
    aria-selected=${o.selected ? 'true' : 'false'}
    style=${styleMap(o.color ? { '--_check': o.color, '--_check-mark': '#fff' } : {})}
    @click=${(event: MouseEvent) => o.onClick(o.index, event)}
  >
    <span class="check" part="check">${checkIcon}</span>
    <span class="run">
      <span class="line">
        <span class="name" part="run-name" title=${run.id}>${run.displayName}</span>
        <span class="state state--${STATE_TONE[run.state] ?? 'quiet'}" part="state">${run.state}</span>
      </span>
      <span class="meta" part="meta">
        <time datetime=${run.createdAt} title=${exactTime(run.createdAt)}>${relativeTime(run.createdAt, o.now)}</time>
        ${user ? html`<span>${user}</span>` : nothing}
        ${run.group ? html`<span class="group">${run.group}</span>` : nothing}
      </span>
      ${
        tags.length
          ? html`<span class="tags">
              ${tags.map((tag) => html`<span class="tag" part="tag">${tag}</span> `)}
              ${run.tags.length > 3 ? html`<span class="tag tag--more" title=${run.tags.slice(3).join(', ')}>+${run.tags.length - 3}</span>` : nothing}
            </span>`
          : nothing
      }
    </span>
  </div>`;
}
