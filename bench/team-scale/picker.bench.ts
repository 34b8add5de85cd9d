/**
 * Team scale, the run picker (issue 13): a project of 1,000 runs (generated), in Chromium and
 * Firefox, measured inside the page (in-page clock, each step until the picker shows its result):
 *
 * - open: from adding `<run-picker>` to the first rows shown;
 * - scroll to the end: scrolling to the bottom again and again until all 1,000 runs are listed
 *   and run-999 is the last row (over the source, a page of 50 at a time);
 * - search: typing `run-99` key by key, the time each key press takes to handle (to the next
 *   frame), then from the last key to the 11 matches shown (the source's search after the
 *   picker's 250 ms pause for typing);
 * - with the runs given as a property (no source), the same, filtering in the picker.
 *
 * DOM figures: elements in the picker's shadow root and options among them, at their largest.
 *
 *   npx tsx --conditions=source bench/team-scale/picker.bench.ts
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium, firefox, type Browser } from 'playwright';
import { playwrightLaunchOptions } from '@run-comparer/browsers';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNS = 1000;
const QUERY = 'run-99';

export interface PickerFigures {
  browser: string;
  mode: 'source' | 'given';
  openMs: number;
  scrollMs: number;
  searchMs: number;
  /** Per key press of the query, to the next frame. */
  keyMs: number[];
  /** Elements in the shadow root: after opening, and the most while scrolling. */
  openNodes: number;
  maxNodes: number;
  /** Options in the DOM at most. */
  maxOptions: number;
  pages: number;
}

/** The page's script: the picker and a memory source of generated runs, and the measurement. */
const ENTRY = `
import './packages/elements/src/wandb-source/define.ts';
import './packages/elements/src/run-picker/define.ts';
import { createMemorySource } from '@run-comparer/wandb-client';
import { manyRuns } from './packages/elements/test-support/datasets.ts';

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
async function until(condition, what, ms = 60000) {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) throw new Error('picker bench: timed out waiting for ' + what);
    await frame();
  }
}

window.measurePicker = async (mode, count, query) => {
  const data = manyRuns(count);
  const inner = createMemorySource(data);
  let pages = 0;
  const source = { ...inner, list: (...args) => (pages++, inner.list(...args)) };
  let given = [];
  if (mode === 'given') {
    for (let cursor = null; ; ) {
      const page = await inner.list({ entity: data.entity, project: data.project, perPage: 100, cursor });
      given.push(...page.runs);
      if (!(cursor = page.nextCursor)) break;
    }
  }
  document.body.replaceChildren();
  await frame();
  const start = performance.now();
  const picker = document.createElement('run-picker');
  if (mode === 'given') {
    picker.runs = given;
    document.body.append(picker);
  } else {
    const provider = document.createElement('wandb-source');
    provider.source = source;
    provider.setAttribute('entity', data.entity);
    provider.setAttribute('project', data.project);
    provider.append(picker);
    document.body.append(provider);
  }
  const root = () => picker.shadowRoot;
  // How many runs the list holds: its options say (a list that renders every row: their number).
  const setSize = () => {
    const all = root()?.querySelectorAll('[role="option"]') ?? [];
    return Number(all[0]?.getAttribute('aria-setsize') ?? all.length);
  };
  const nodes = () => root().querySelectorAll('*').length;
  const options = () => root().querySelectorAll('[role="option"]').length;
  const lastName = () => [...root().querySelectorAll('[part~="run-name"]')].at(-1)?.textContent;
  await until(() => setSize() > 0, 'the first rows');
  await frame();
  const openMs = performance.now() - start;
  const openNodes = nodes();
  let maxNodes = openNodes;
  let maxOptions = options();

  const scroller = root().querySelector('[part="scroller"]');
  const scrollStart = performance.now();
  while (setSize() < count || lastName() !== 'run-' + (count - 1)) {
    scroller.scrollTop = scroller.scrollHeight;
    await frame();
    maxNodes = Math.max(maxNodes, nodes());
    maxOptions = Math.max(maxOptions, options());
    if (performance.now() - scrollStart > 120000) throw new Error('picker bench: never reached the last run');
  }
  const scrollMs = performance.now() - scrollStart;

  const input = root().querySelector('[part="search"]');
  const keyMs = [];
  for (let i = 1; i <= query.length; i++) {
    const keyStart = performance.now();
    input.value = query.slice(0, i);
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: query[i - 1] }));
    await picker.updateComplete;
    await frame();
    keyMs.push(performance.now() - keyStart);
  }
  const searchStart = performance.now();
  const matches = 1 + Math.max(0, Math.min(10, count - Number(query.slice(4)) * 10));
  await until(() => setSize() === matches && options() === matches, matches + ' matches');
  await frame();
  const searchMs = performance.now() - searchStart;
  maxNodes = Math.max(maxNodes, nodes());
  return { openMs, scrollMs, searchMs, keyMs, openNodes, maxNodes, maxOptions, pages };
};
`;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'picker-bench-entry.ts' },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    conditions: ['source', 'browser'],
    tsconfig: `${ROOT}/tsconfig.base.json`,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function inBrowser(name: 'chromium' | 'firefox', script: string): Promise<PickerFigures[]> {
  const launcher = name === 'chromium' ? chromium : firefox;
  const browser: Browser = await launcher.launch(playwrightLaunchOptions(name));
  try {
    const figures: PickerFigures[] = [];
    for (const mode of ['source', 'given'] as const) {
      // A fresh page per mode, at the size of a laptop screen.
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.setContent('<!doctype html><html><head><title>picker bench</title></head><body></body></html>');
      await page.addScriptTag({ content: script, type: 'module' });
      await page.waitForFunction(() => 'measurePicker' in window);
      const measured = await page.evaluate(
        ([mode, count, query]) =>
          (
            window as unknown as {
              measurePicker: (m: string, c: number, q: string) => Promise<Omit<PickerFigures, 'browser' | 'mode'>>;
            }
          ).measurePicker(mode, count, query),
        [mode, RUNS, QUERY] as const,
      );
      figures.push({ browser: name === 'chromium' ? 'Chromium' : 'Firefox', mode, ...measured });
      await page.close();
    }
    return figures;
  } finally {
    await browser.close();
  }
}

export async function runTeamPickerBench(log: (line: string) => void = () => {}): Promise<PickerFigures[]> {
  const script = await bundle();
  const figures: PickerFigures[] = [];
  for (const name of ['chromium', 'firefox'] as const) {
    log(`picker: ${name}`);
    figures.push(...(await inBrowser(name, script)));
  }
  return figures;
}

const ms = (n: number) => `${Math.round(n)} ms`;

export function describeTeamPicker(figures: PickerFigures[]): string[] {
  const what = { source: 'from the source, 50 a page', given: 'given as `runs`' };
  return [
    `Generated: a project of ${RUNS} runs in a memory source, \`<run-picker>\` in a 1440 × 900 page, measured in the page. Open: to the first rows shown. Scroll to the end: scrolled to the bottom until all ${RUNS} runs are listed and the last is in view. Key press: each key of "${QUERY}" to the next frame (median, max). Search: from the last key to the 11 matches shown, the 250 ms pause for typing included. DOM: elements in the picker's shadow root after opening and at most, and options at most.`,
    '',
    '| browser | runs | open | scroll to the end | key press (median, max) | search | DOM after open / at most | options at most |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...figures.map((f) => {
      const keys = [...f.keyMs].sort((a, b) => a - b);
      const pages = f.mode === 'source' ? ` (${f.pages} pages)` : '';
      return `| ${f.browser} | ${what[f.mode]} | ${ms(f.openMs)} | ${ms(f.scrollMs)}${pages} | ${ms(keys[keys.length >> 1]!)}, ${ms(keys.at(-1)!)} | ${ms(f.searchMs)} | ${f.openNodes} / ${f.maxNodes} | ${f.maxOptions} |`;
    }),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(describeTeamPicker(await runTeamPickerBench((line) => console.error(line))).join('\n'));
}
