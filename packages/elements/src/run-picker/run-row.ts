import type { Run, RunState } from '@run-comparer/wandb-client';
import { html, nothing } from 'lit';
import type { StyleInfo } from 'lit/directives/style-map.js';
import { exactTime, relativeTime } from '../internal/format.js';
import type { ListboxController } from '../controllers/listbox-controller.js';
import { runSwatch, type SwatchRun } from '../internal/run-swatch.js';

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

/**
 * One run as a listbox option: a check box, or while the run is selected (`selected`) its swatch
 * (number, colour and shape, as everywhere else), then name, state, time, user, group, tags;
 * `style` places it in a virtualised list.
 */
export function renderRunRow(
  listbox: ListboxController,
  run: Run,
  index: number,
  selected: SwatchRun | undefined,
  now: number,
  style: StyleInfo = {},
) {
  const user = run.user?.name ?? run.user?.username;
  const tags = run.tags.slice(0, 3);
  return listbox.option(
    index,
    !!selected,
    html`<span class="run">
      <span class="line">
        <span class="name" part="run-name" title=${run.id}>${run.displayName}</span>
        <span class="state state--${STATE_TONE[run.state] ?? 'quiet'}" part="state">${run.state}</span>
      </span>
      <span class="meta" part="meta">
        <time datetime=${run.createdAt} title=${exactTime(run.createdAt)}>${relativeTime(run.createdAt, now)}</time>
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
    </span>`,
    style,
    selected && runSwatch(selected, 'check'),
  );
}
