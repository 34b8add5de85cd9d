import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Dataset, Run, RunSource } from '@run-comparer/wandb-client';
import { html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { expect, userEvent, waitFor } from 'storybook/test';
import '../wandb-source/define.js';
import './define.js';
import type { SelectionStore } from '../context/selection-store.js';
import { errors, failingSource } from '../../stories-support/failing-sources.js';
import {
  emptyProject,
  manyRunsProject,
  oneRunProject,
  sampleSource,
  SAMPLE_ENTITY,
  SAMPLE_PROJECT,
  storySource,
} from '../../stories-support/sample-project.js';
import { sourceStates } from '../../stories-support/source-states.js';
import { cssProperties, selection } from '../../stories-support/selection.js';
import { findInShadow, focusInShadow, textInShadow, textOf } from '../../stories-support/play.js';
import { STATE_FILTERS } from './run-filter.js';
import type { RunPicker } from './run-picker.js';

const meta: Meta = {
  title: 'Elements/Run picker',
  component: 'run-picker',
  args: { label: 'Runs', searchDelay: 250, stateFilter: '', '--run-picker-list-height': '' },
  argTypes: {
    stateFilter: { control: 'inline-radio', options: ['', ...Object.keys(STATE_FILTERS)] },
  },
  render: (args, { loaded }) => inSource(sampleSource, picker(args), loaded.store),
};
export default meta;
type Story = StoryObj;

function picker(args: Record<string, unknown>): TemplateResult {
  return html`<run-picker
    label=${args.label as string}
    search-delay=${args.searchDelay as number}
    state-filter=${args.stateFilter as string}
    style=${styleMap({ maxWidth: '26rem', ...cssProperties(args) })}
  ></run-picker>`;
}

function inSource(source: RunSource, content: TemplateResult, store?: SelectionStore, project = SAMPLE_PROJECT) {
  return store
    ? html`<wandb-source .source=${source} .store=${store}>${content}</wandb-source>`
    : html`<wandb-source .source=${source} entity=${SAMPLE_ENTITY} project=${project}>${content}</wandb-source>`;
}

const pickerIn = (canvas: HTMLElement) => canvas.querySelector<RunPicker>('run-picker')!;
const options = (picker: RunPicker) => [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
/** How many runs the list holds (only those in view are in the DOM; each option says how many there are). */
const listed = (picker: RunPicker) => Number(options(picker)[0]?.getAttribute('aria-setsize') ?? 0);

/** The sample project's four runs. Clicking a run selects it and gives it its colour. */
export const InAProject: Story = {
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await findInShadow(picker, '[role="option"]');
    await expect(options(picker).map((o) => textOf(o.querySelector('[part="run-name"]')!))).toEqual([
      'lr-1e-3-diverged',
      'lr-3e-5',
      'lr-3e-4',
      'lr-1e-4-baseline',
    ]);
    await userEvent.click(options(picker)[2]!);
    await waitFor(() => expect(options(picker)[2]!.getAttribute('aria-selected')).toBe('true'));
    await expect(picker.value).toEqual(['lr3e4fast']);
    await expect(textOf(await findInShadow(picker, '[part="summary"]'))).toContain('1 selected · 4 runs');
  },
};

/** The listbox keys of the WAI-ARIA pattern: focus starts on the first run, ↓ moves, Space toggles, Shift+↓ extends. */
export const KeyboardSelection: Story = {
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await findInShadow(picker, '[role="option"]');
    await focusInShadow(picker, '[role="listbox"]');
    await userEvent.keyboard('{ArrowDown} {Shift>}{ArrowDown}{/Shift}');
    await waitFor(() => expect(picker.value).toEqual(['lr3e5slow', 'lr3e4fast']));
  },
};

/** Typing filters the list (by name, id, tag, group or user) after a short pause. */
export const Filtering: Story = {
  args: { searchDelay: 50 },
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await findInShadow(picker, '[role="option"]');
    await userEvent.type(await findInShadow(picker, '[part="search"]'), 'baseline');
    await waitFor(() => expect(options(picker).length).toBe(1));
    await expect(textOf(options(picker)[0]!)).toContain('lr-1e-4-baseline');
  },
};

/** "Select all" selects every run the filter shows (as Ctrl/⌘+A in the list does); its name says how many. */
export const SelectAll: Story = {
  args: { searchDelay: 50 },
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await findInShadow(picker, '[role="option"]');
    await userEvent.type(await findInShadow(picker, '[part="search"]'), 'lr-3e');
    await waitFor(() => expect(options(picker).length).toBe(2));
    const selectAll = await findInShadow(picker, '[part="select-all"]');
    await expect(selectAll.getAttribute('aria-label')).toBe('Select all 2 runs');
    await userEvent.click(selectAll);
    await waitFor(() => expect(picker.value).toEqual(['lr3e5slow', 'lr3e4fast']));
    await textInShadow(picker, '[part="summary"]', /2 selected/);
  },
};

/** `state-filter="failed"` keeps crashed and failed runs: here the run killed after diverging. */
export const CrashedOrFailed: Story = {
  args: { stateFilter: 'failed' },
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await waitFor(() => expect(options(picker).map(textOf).join()).toMatch(/^lr-1e-3-diverged crashed/));
    await expect(options(picker).length).toBe(1);
  },
};

/** A project with a single run. */
export const OneRun: Story = {
  render: (args) => inSource(storySource(oneRunProject()), picker(args)),
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await waitFor(() => expect(options(picker).length).toBe(1));
    await expect(textOf(await findInShadow(picker, '[part="summary"] [aria-live]'))).toBe('1 run');
  },
};

const manyRuns = storySource(manyRunsProject(60));

/** 60 runs load 50 at a time: scrolling to the end, or "Load more runs", fetches the rest. */
export const ManyRuns: Story = {
  render: (args) => inSource(manyRuns, picker(args)),
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await waitFor(() => expect(listed(picker)).toBeGreaterThanOrEqual(50));
    await expect(textOf(await findInShadow(picker, '[part="summary"] [aria-live]'))).toMatch(/^(50 of )?60 runs$/);
    const more = picker.shadowRoot!.querySelector<HTMLButtonElement>('[part="load-more"]');
    if (more) await userEvent.click(more);
    await waitFor(() => expect(listed(picker)).toBe(60));
  },
};

/** Generated: `count` runs with names and metadata only (the picker needs no history). */
function runsOnlyProject(count: number): Dataset {
  const states = ['running', 'finished', 'crashed', 'finished', 'failed'] as const;
  return {
    entity: SAMPLE_ENTITY,
    project: 'sweep-1000',
    runs: Array.from({ length: count }, (_, i) => ({
      id: `sweep${String(i).padStart(4, '0')}`,
      displayName: `sweep-${i}`,
      state: states[i % states.length]!,
      createdAt: new Date(Date.parse('2026-10-20T12:00:00Z') - i * 13 * 60_000).toISOString(),
      user: { name: 'Ada Lovelace', username: 'ada' },
      tags: i % 3 ? [`lr-${(i % 7) + 1}e-4`] : [],
      group: `sweep-${Math.floor(i / 100)}`,
      history: [],
      files: {},
    })),
  };
}

const thousandRuns = storySource(runsOnlyProject(1000));

/**
 * A project of 1,000 runs: the list is virtualised (only the rows in view are in the DOM, each with
 * `aria-posinset`/`aria-setsize`), pages in 50 at a time as you scroll, and End, Home and typing a
 * name move to rows not rendered yet.
 */
export const ThousandRuns: Story = {
  render: (args) => inSource(thousandRuns, picker(args), undefined, 'sweep-1000'),
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await waitFor(() => expect(listed(picker)).toBe(50));
    await expect(options(picker).length).toBeLessThan(30);
    await focusInShadow(picker, '[role="listbox"]');
    await userEvent.keyboard('{End}');
    await waitFor(() =>
      expect(textOf(picker.shadowRoot!.querySelector('#option-49 [part="run-name"]')!)).toBe('sweep-49'),
    );
  },
};

const states = sourceStates({
  render: (source, args) => inSource(source, picker(args)),
  element: pickerIn,
});

/** Placeholder rows while the first page loads (this source never answers). */
export const Loading: Story = states.Loading;

/** A project nobody has logged to yet. */
export const EmptyProject: Story = {
  render: (args) => inSource(storySource(emptyProject()), picker(args), undefined, 'new-project'),
  play: async ({ canvasElement }) => {
    await textInShadow(pickerIn(canvasElement), '[part="message"]', `No runs in ${SAMPLE_ENTITY}/new-project yet`);
  },
};

/** wandb refused the API key (HTTP 401): retrying cannot help, so nothing retries by itself. */
export const AuthFailure: Story = {
  ...states.AuthFailure,
  play: async (context) => {
    await states.AuthFailure.play!(context);
    await expect(textOf(pickerIn(context.canvasElement).shadowRoot!.querySelector('[part="error"]'))).not.toContain(
      'Retrying in',
    );
  },
};

/** Rate limited (HTTP 429, Retry-After 30 s): a countdown to the automatic retry. */
export const RateLimited: Story = states.RateLimited;

/** The limit clears: after the 2 s countdown the picker retries by itself and the runs appear. */
export const RateLimitClears: Story = {
  render: (args) =>
    inSource(
      failingSource(sampleSource, () => errors.rateLimit(2000), { methods: ['list'], times: 1 }),
      picker(args),
    ),
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await waitFor(() => expect(textOf(picker.shadowRoot!.querySelector('[part="error"]')!)).toContain('Retrying in'));
    await waitFor(() => expect(options(picker).length).toBe(4)); // after the 2 s countdown
  },
};

/** The server could not be reached; here the next attempt works, so Retry brings the runs. */
export const Unreachable: Story = {
  render: (args) =>
    inSource(failingSource(sampleSource, errors.network, { methods: ['list'], times: 1 }), picker(args)),
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await textInShadow(picker, '[part="error"]', 'Could not reach the server');
    await userEvent.click(await findInShadow(picker, '[part="retry-button"]'));
    await waitFor(() => expect(options(picker).length).toBe(4));
  },
};

/** Pure use: runs given as the `runs` property; the picker filters them itself and fetches nothing. */
export const GivenRuns: Story = {
  loaders: [
    async () => ({
      runs: (await sampleSource.list({ entity: SAMPLE_ENTITY, project: SAMPLE_PROJECT })).runs,
    }),
  ],
  render: (args, { loaded }) =>
    html`<run-picker
      label=${args.label}
      state-filter=${args.stateFilter}
      style="max-width: 26rem"
      .runs=${loaded.runs as Run[]}
    ></run-picker>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(options(pickerIn(canvasElement)).length).toBe(4));
  },
};

/** The dark theme (as under `prefers-color-scheme: dark`), with two runs selected. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  parameters: { docs: { story: { inline: false, height: '28rem' } } },
  loaders: [selection({ runs: ['lr3e4fast', 'lr1e4base'] })],
  play: async ({ canvasElement }) => {
    const picker = pickerIn(canvasElement);
    await findInShadow(picker, '[aria-selected="true"]');
    const background = getComputedStyle(picker.shadowRoot!.querySelector('[part="search"]')!).backgroundColor;
    await expect(background).not.toBe('rgb(255, 255, 255)');
  },
};

/** On a phone-width screen. */
export const Narrow: Story = {
  globals: { viewport: { value: 'narrow', isRotated: false } },
  loaders: [selection({ runs: 1 })],
  play: async ({ canvasElement }) => {
    await findInShadow(pickerIn(canvasElement), '[aria-selected="true"]');
  },
};
