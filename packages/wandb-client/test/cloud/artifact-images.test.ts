import { describe, expect, it } from 'vitest';
import type { Dataset, HistoryRow } from '../../src/memory/dataset.js';
import { useHarness } from './helpers.js';

/**
 * wandb lists an image of a list by `path`, or, when the image came from an artifact, by its
 * artifact URI (image.py: `obj.get("path", obj.get("artifact_path"))` into `filenames`). Such a
 * list is not in the run's files: it is shown as unsupported, with the reason, and nothing asks the
 * run's files for `wandb-artifact://` names.
 */

const png = (label: string) => new TextEncoder().encode(`\x89PNG ${label}`);

function artifactProject(): Dataset {
  const list = (filenames: string[]) => ({
    _type: 'images/separated',
    width: 8,
    height: 8,
    format: 'png',
    count: filenames.length,
    filenames,
  });
  const history: HistoryRow[] = [
    { _step: 0, 'samples/grid': list(['media/images/samples/grid_0_a.png', 'media/images/samples/grid_0_b.png']) },
    {
      _step: 1,
      'samples/grid': list([
        'wandb-artifact://41727469666163743a31/sample_0.png',
        'wandb-client-artifact://k2j3h4/sample_1.png',
      ]),
    },
    { _step: 2, 'samples/grid': list(['media/images/samples/grid_2_a.png', 'wandb-artifact://41727469/x.png']) },
  ];
  return {
    entity: 'lab',
    project: 'artifacts',
    runs: [
      {
        id: 'art00001',
        displayName: 'from-artifacts',
        state: 'finished',
        createdAt: '2026-03-01T08:00:00Z',
        history,
        files: {
          'media/images/samples/grid_0_a.png': png('a'),
          'media/images/samples/grid_0_b.png': png('b'),
          'media/images/samples/grid_2_a.png': png('c'),
        },
      },
    ],
  };
}

describe('image lists that name artifact files', () => {
  const h = useHarness([artifactProject()]);
  const ref = { entity: 'lab', project: 'artifacts', runId: 'art00001' };

  it('marks the list unsupported, naming the artifact, instead of listing paths the run does not have', async () => {
    const [set] = await h.client.images.at(ref, { keys: ['samples/grid'], step: 1 });
    expect(set).toMatchObject({ key: 'samples/grid', step: 1, type: 'images/separated', images: [] });
    expect(set!.unsupported).toContain('The 2 images of this list live in a wandb artifact');
    expect(set!.unsupported).toContain('wandb-artifact://41727469666163743a31/sample_0.png');
    expect(set!.unsupported).toContain('wandb UI');
  });

  it('says how many of a mixed list are artifacts, and keeps the other steps intact', async () => {
    const [index] = await h.client.images.index([ref], { keys: ['samples/grid'] });
    const sets = index!.byKey['samples/grid']!;
    expect(sets.map((s) => s.step)).toEqual([0, 1, 2]);
    expect(sets[0]!.images.map((i) => i.path)).toEqual([
      'media/images/samples/grid_0_a.png',
      'media/images/samples/grid_0_b.png',
    ]);
    expect(sets[0]!.unsupported).toBeNull();
    expect(sets[2]!.unsupported).toContain('1 of the 2 images of this list live in a wandb artifact');
    // Nothing names an artifact URI as a run file, so no one asks wandb's files for one.
    const paths = sets.flatMap((s) => s.images.map((i) => i.path));
    expect(paths.some((p) => p.includes('://'))).toBe(false);
    const urls = await h.client.media.urls(ref, paths);
    expect(urls.every((u) => u.url !== null)).toBe(true);
  });
});
