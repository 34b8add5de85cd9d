import { syntheticDataset } from '@run-comparer/fake-wandb';
import { random as seeded } from '@run-comparer/sample-project';
import { describe, expect, it } from 'vitest';
import type { DatasetRun } from '../../src/memory/dataset.js';
import type { ListRunsParams, Run, RunState } from '../../src/types.js';
import { startHarness, type Harness } from './helpers.js';

/**
 * Paging through a project while it changes. The fake pages like wandb (offset cursors,
 * `arrayconnection:N`), so a run created, finished or deleted between two pages shifts the next
 * page; the client must still list every run that was there once, and none twice.
 */

function project(runs = 8, firstCreatedAt = '2026-02-01T09:00:00Z') {
  return syntheticDataset({ runs, lastStep: 1, imageKeys: [], firstCreatedAt });
}

function newRun(id: string, createdAt: string, state: RunState = 'finished'): DatasetRun {
  return { id, displayName: id, state, createdAt, history: [{ _step: 0 }], files: {} };
}

/** Iterate, calling `between` after the run at `afterIndex` was handed out (before the next page is asked for). */
async function iterateWith(
  h: Harness,
  params: Omit<ListRunsParams, 'cursor'>,
  afterIndex: number,
  between: () => void,
): Promise<string[]> {
  const ids: string[] = [];
  for await (const run of h.client.runs.iterate(params)) {
    ids.push(run.id);
    if (ids.length === afterIndex + 1) between();
  }
  return ids;
}

async function withFake<T>(
  runs: DatasetRun[] | number,
  test: (h: Harness, ref: { entity: string; project: string }) => Promise<T>,
) {
  const dataset = project(typeof runs === 'number' ? runs : 0);
  if (typeof runs !== 'number') dataset.runs = runs;
  const h = await startHarness([dataset]);
  try {
    return await test(h, { entity: dataset.entity, project: dataset.project });
  } finally {
    await h.close();
  }
}

const ids = (runs: Run[]) => runs.map((r) => r.id);

describe('run listings while the project changes', () => {
  it('newest first: a run created after the first page repeats nothing and skips nothing', async () => {
    await withFake(8, async (h, ref) => {
      const before = ids((await h.client.runs.list({ ...ref, perPage: 100 })).runs);
      const listed = await iterateWith(h, { ...ref, perPage: 3 }, 2, () =>
        h.fake.runs.add(ref.entity, ref.project, newRun('fresh001', '2026-03-01T00:00:00Z')),
      );
      expect(new Set(listed).size).toBe(listed.length);
      expect(listed).toEqual(before);
    });
  });

  it('newest first: a run deleted after the first page does not make the next page skip one', async () => {
    await withFake(8, async (h, ref) => {
      const before = ids((await h.client.runs.list({ ...ref, perPage: 100 })).runs);
      const listed = await iterateWith(h, { ...ref, perPage: 3 }, 2, () =>
        h.fake.runs.remove(ref.entity, ref.project, before[0]!),
      );
      expect(listed).toEqual(before);
    });
  });

  it('a run that finishes while runs filtered by state "running" are paged does not hide the next one', async () => {
    const runs = project(7).runs.map((r) => ({ ...r, state: 'running' as const }));
    await withFake(runs, async (h, ref) => {
      const params = { ...ref, perPage: 2, filters: { state: 'running' } };
      const before = ids((await h.client.runs.list({ ...params, perPage: 100 })).runs);
      const listed = await iterateWith(h, params, 1, () =>
        h.fake.runs.update(ref.entity, ref.project, before[1]!, { state: 'finished' }),
      );
      expect(listed).toEqual(before);
    });
  });

  it('oldest first: a run created during the listing is listed once, at the end', async () => {
    await withFake(8, async (h, ref) => {
      const before = ids((await h.client.runs.list({ ...ref, perPage: 100, order: '+created_at' })).runs);
      const listed = await iterateWith(h, { ...ref, perPage: 3, order: '+created_at' }, 4, () => {
        h.fake.runs.add(ref.entity, ref.project, newRun('fresh001', '2026-03-01T00:00:00Z'));
        h.fake.runs.remove(ref.entity, ref.project, before[0]!);
      });
      expect(listed).toEqual([...before, 'fresh001']);
    });
  });

  it('page by page with nextCursor (a picker loading more), new runs at the top do not repeat rows', async () => {
    await withFake(8, async (h, ref) => {
      const first = await h.client.runs.list({ ...ref, perPage: 3 });
      for (let i = 0; i < 2; i++) {
        h.fake.runs.add(ref.entity, ref.project, newRun(`fresh00${i}`, `2026-03-0${i + 1}T00:00:00Z`));
      }
      const second = await h.client.runs.list({ ...ref, perPage: 3, cursor: first.nextCursor });
      const third = await h.client.runs.list({ ...ref, perPage: 3, cursor: second.nextCursor });
      expect([...ids(first.runs), ...ids(second.runs), ...ids(third.runs)]).toEqual(
        project(8)
          .runs.map((r) => r.id)
          .reverse(),
      );
      expect(third.nextCursor).toBeNull();
      expect(third.total).toBe(10);
    });
  });

  it('lists every run once when more runs than a page (or than a cursor remembers) were created in the same second', async () => {
    const second = '2026-02-01T09:00:00Z';
    const runs = [
      ...project(2, '2026-02-01T08:00:00Z').runs.map((r) => ({ ...r, id: `early${r.id}` })),
      ...Array.from({ length: 240 }, (_, i) => newRun(`tie-run-${String(i).padStart(4, '0')}`, second)),
      ...project(2, '2026-02-01T10:00:00Z').runs.map((r) => ({ ...r, id: `late${r.id}` })),
    ];
    await withFake(runs, async (h, ref) => {
      for (const order of ['-created_at', '+created_at']) {
        for (const perPage of [3, 7, 30, 230]) {
          const listed: string[] = [];
          let cursor: string | null = null;
          do {
            const page = await h.client.runs.list({ ...ref, perPage, order, cursor });
            listed.push(...ids(page.runs));
            cursor = page.nextCursor;
            // It travels in URLs: the demo server takes cursors of up to 4,096 characters.
            expect((cursor ?? '').length).toBeLessThanOrEqual(4096);
          } while (cursor);
          expect(listed.sort(), `${order}, perPage ${perPage}`).toEqual(runs.map((r) => r.id).sort());
        }
      }
    });
  });

  it('in another order (wandb offsets as they are), a run shifted back onto the next page is not listed twice', async () => {
    const runs = project(6).runs.map((r, i) => ({ ...r, config: { rank: i } }));
    await withFake(runs, async (h, ref) => {
      const order = '+config.rank';
      const listed = await iterateWith(h, { ...ref, perPage: 2, order }, 1, () =>
        h.fake.runs.add(ref.entity, ref.project, {
          ...newRun('first000', '2026-03-01T00:00:00Z'),
          config: { rank: -1 },
        }),
      );
      expect(new Set(listed).size).toBe(listed.length);
      expect(listed).toEqual(runs.map((r) => r.id));
    });
  });

  it('property: across random projects, page sizes and changes between pages, each run that stays is listed exactly once', async () => {
    // Seeded, so a failure names the case that reproduces it.
    for (let seed = 1; seed <= 24; seed++) {
      const random = seeded(seed);
      const pick = (n: number) => Math.floor(random() * n);
      const seconds = 1 + pick(6);
      const runs = Array.from({ length: 3 + pick(25) }, (_, i) =>
        newRun(`r${seed}x${i}`, new Date(Date.UTC(2026, 1, 1, 9, 0, pick(seconds))).toISOString()),
      );
      const order = random() < 0.5 ? '-created_at' : '+created_at';
      const perPage = 1 + pick(7);
      await withFake(runs, async (h, ref) => {
        const present = new Set(runs.map((r) => r.id));
        const removed = new Set<string>();
        const listed: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 200; page++) {
          const result = await h.client.runs.list({ ...ref, perPage, order, cursor });
          listed.push(...ids(result.runs));
          if (result.nextCursor === null) break;
          cursor = result.nextCursor;
          const change = pick(3);
          if (change === 0) {
            h.fake.runs.add(ref.entity, ref.project, newRun(`new${seed}p${page}`, '2026-03-01T00:00:00Z'));
          } else if (change === 1 && present.size > 1) {
            const victim = [...present][pick(present.size)]!;
            h.fake.runs.remove(ref.entity, ref.project, victim);
            present.delete(victim);
            removed.add(victim);
          }
        }
        const context = `seed ${seed}, ${order}, perPage ${perPage}`;
        expect(new Set(listed).size, context).toBe(listed.length);
        for (const id of present) expect(listed, `${context}: ${id}`).toContain(id);
        for (const id of listed) expect(id.startsWith('new') || present.has(id) || removed.has(id), context).toBe(true);
      });
    }
  });

  it('refuses a cursor it never gave out, saying what to pass instead', async () => {
    await withFake(2, async (h, ref) => {
      await expect(h.client.runs.list({ ...ref, cursor: 'rc1.not-json' })).rejects.toMatchObject({
        code: 'invalid_argument',
        message: expect.stringContaining('nextCursor'),
      });
    });
  });
});
