import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openLocalRuns, readRunRecords, type RunFileRecord } from '../../src/local/index.js';
import type { RunRef } from '../../src/types.js';
import { FIXTURES, fixtureRun, manifest } from './helpers.js';

/** Facts from the fixture corpus's README and MANIFEST.json (real files written by wandb 0.20.1). */
describe('real wandb 0.20.1 offline runs', () => {
  const source = openLocalRuns({ dir: FIXTURES });
  const project = { entity: 'local', project: manifest.project };
  const ref = (runId: string): RunRef => ({ ...project, runId });
  const [A, B, C] = [
    fixtureRun('distill-lr2e-5'),
    fixtureRun('distill-lr5e-5-jpeg'),
    fixtureRun('distill-bigcfg-killed'),
  ];

  async function records(file: string): Promise<RunFileRecord[]> {
    const out: RunFileRecord[] = [];
    for await (const record of readRunRecords(join(FIXTURES, 'wandb', file))) out.push(record);
    return out;
  }

  it('finds the project (offline runs have no entity: they are listed under "local") and ignores latest-run', async () => {
    expect(await source.projects()).toEqual([project]);
    const page = await source.list(project);
    expect(page.runs.map((run) => run.id).sort()).toEqual(manifest.runs.map((run) => run.run_id).sort());
    expect(page.total).toBe(3);
  });

  it.each(manifest.runs)('reads run $display_name: names, state, config, steps', async (expected) => {
    const run = await source.get(ref(expected.run_id));
    expect(run).toMatchObject({
      id: expected.run_id,
      displayName: expected.display_name,
      project: expected.project,
      group: expected.group,
      jobType: expected.job_type,
      state: expected.state === 'finished' ? 'finished' : 'crashed',
      lastStep: expected.last_intact_step,
      error: null,
    });
    expect(Object.keys(run.config).sort()).toEqual(expected.initial_config_keys.filter((k) => k !== '_wandb').sort());
    expect(run.notes).toMatch(/^Run [ABC]: /);
    expect(Date.parse(run.createdAt)).toBeGreaterThan(Date.parse('2026-11-23T14:32:00Z'));
  });

  it.each(manifest.runs)('counts the records of $display_name as wandb’s own reader does', async (expected) => {
    const all = await records(expected.wandb_file);
    const counts: Record<string, number> = {};
    for (const r of all) if (r.kind === 'record') counts[r.record.type] = (counts[r.record.type] ?? 0) + 1;
    expect(counts).toEqual(expected.record_counts);
    expect(all.filter((r) => r.kind === 'damage' || r.kind === 'unreadable')).toEqual([]);
  });

  it.each(manifest.runs)(
    'indexes every image key of $display_name with its steps, captions and format',
    async (expected) => {
      const runRef = ref(expected.run_id);
      const keys = Object.keys(expected.image_keys).sort();
      // Keys with an image only in the summary are listed too (see the summary test below).
      expect(await source.keys(runRef)).toEqual([...keys, ...expected.summary_only_image_keys].sort());
      const steps = await source.steps(runRef, { keys });
      for (const [key, facts] of Object.entries(expected.image_keys)) {
        expect(steps.byKey[key]).toEqual(facts.steps);
        for (const step of facts.steps) {
          const [set] = await source.at(runRef, { keys: [key], step });
          expect(set!.type).toBe(facts.history_value_type);
          expect(set!.images).toHaveLength(facts.images_per_step);
          expect(set!.images.map((image) => image.caption)).toEqual(
            facts.captions ?? Array(facts.images_per_step).fill(null),
          );
          for (const image of set!.images) {
            expect(image).toMatchObject({ format: facts.format, width: 48, height: 48 });
            expect(image.path).toMatch(new RegExp(`^media/images/${key}_${step}_[0-9a-f]{20}\\.${facts.format}$`));
          }
        }
      }
    },
  );

  it('serves the logged media files as file: URLs that load the bytes on disk', async () => {
    const [grid] = await source.at(ref(A.run_id), { keys: ['samples/grid'], step: 40 });
    const urls = await source.mediaUrl(
      ref(A.run_id),
      grid!.images.map((image) => image.path),
    );
    for (const { path, url } of urls) {
      const onDisk = await readFile(join(FIXTURES, 'wandb', A.dir, 'files', path));
      expect(Buffer.from(await readFile(fileURLToPath(url!)))).toEqual(onDisk);
      expect(onDisk.subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('reads run B’s val/reference as JPEG', async () => {
    const [set] = await source.at(ref(B.run_id), { keys: ['val/reference'], step: 100 });
    expect(set!.images[0]).toMatchObject({ format: 'jpg', caption: 'val reference: a snail on a mossy log, 85mm' });
    const file = await source.openMedia(ref(B.run_id), set!.images[0]!.path);
    expect(file.contentType).toBe('image/jpeg');
    const bytes = await file.read();
    expect(bytes.length).toBe(file.size);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('takes the summary from the SummaryRecord, and shows the summary-only best_sample at the last step', async () => {
    const run = await source.get(ref(A.run_id));
    expect(Object.keys(run.summary).sort()).toEqual(A.summary_keys);
    expect(run.summary.best_sample).toMatchObject({
      _type: 'image-file',
      caption: 'best sample (step 193)',
      path: A.summary_image_keys.best_sample!.files[0],
    });
    expect(await source.keys(ref(A.run_id))).toContain('best_sample');
    expect((await source.steps(ref(A.run_id), { keys: ['best_sample'] })).byKey).toEqual({ best_sample: [199] });
    const [set] = await source.at(ref(A.run_id), { keys: ['best_sample'], step: 199 });
    expect(set).toMatchObject({ fromSummary: true, type: 'image-file' });
    expect(set!.images.map((image) => [image.path, image.caption])).toEqual([
      [A.summary_image_keys.best_sample!.files[0], 'best sample (step 193)'],
    ]);
    const [url] = await source.mediaUrl(ref(A.run_id), [A.summary_image_keys.best_sample!.files[0]!]);
    expect((await readFile(fileURLToPath(url!.url!))).length).toBeGreaterThan(0);
    expect((run.summary['samples/grid'] as { filenames: string[] }).filenames).toEqual(
      A.summary_image_keys['samples/grid']!.files,
    );
  });

  it('reads the killed run up to its last intact step 89, with a warning about the cut record', async () => {
    const run = await source.get(ref(C.run_id));
    expect(run.state).toBe('crashed');
    expect(run.lastStep).toBe(89);
    expect(run.warnings).toEqual([
      expect.objectContaining({ code: 'truncated_file', message: expect.stringContaining('from byte 109605') }),
    ]);
    // No SummaryRecord: the summary is the last value of each history key.
    expect(run.summary._step).toBe(89);
    expect(await source.at(ref(C.run_id), { keys: ['samples/grid'], step: 90 })).toEqual([]);
    expect(run.config.noise_schedule_table).toEqual(expect.any(Object));
    const tail = (await records(C.wandb_file)).at(-1);
    expect(tail).toEqual({ kind: 'truncated', start: 109605, end: 109612 });
  });

  it('reassembles records that span blocks and skips zero-padded block tails', async () => {
    const a = (await records(A.wandb_file)).filter((r) => r.kind === 'record');
    const spanning = a.filter((r) => Math.floor(r.start / 32768) !== Math.floor((r.end - 1) / 32768));
    expect(spanning.map((r) => [r.start, r.record.type])).toEqual([[32740, 'history']]);

    const c = (await records(C.wandb_file)).filter((r) => r.kind === 'record');
    const runRecord = c.find((r) => r.record.type === 'run')!;
    expect(runRecord).toMatchObject({ start: 69, size: 70673 });
    expect(Math.floor((runRecord.end - 1) / 32768)).toBe(2);
    expect(c.find((r) => r.start === 98254)?.record.type).toBe('output_raw');

    const b = (await records(B.wandb_file)).filter((r) => r.kind === 'record');
    const gaps = b
      .slice(1)
      .filter((r, i) => r.start !== b[i]!.end)
      .map((r) => [b[b.indexOf(r) - 1]!.end, r.start]);
    expect(gaps).toEqual([[32764, 32768]]);
  });
});
