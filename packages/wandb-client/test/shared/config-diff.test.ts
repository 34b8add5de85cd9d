import { describe, expect, it } from 'vitest';
import { diffConfigs } from '../../src/config/config-diff.js';
import { flattenConfig } from '../../src/config/flatten-config.js';

describe('flattenConfig', () => {
  it('names nested keys with dots and keeps lists and empty objects as values', () => {
    expect(
      flattenConfig({ lr: 3e-4, model: { name: 'unet', attn: { heads: 8 } }, betas: [0.9, 0.99], extra: {} }),
    ).toEqual({ lr: 0.0003, 'model.name': 'unet', 'model.attn.heads': 8, betas: [0.9, 0.99], extra: {} });
  });
});

describe('diffConfigs', () => {
  const base = {
    lr: 1e-4,
    rank: 16,
    seed: 42,
    optimizer: 'adamw',
    model: { name: 'unet', channels: 320 },
    betas: [0.9, 0.99],
  };

  it('says which keys differ and which every run shares', () => {
    const diff = diffConfigs([
      base,
      { ...base, lr: 3e-4, seed: 7 },
      { ...base, rank: 32, model: { name: 'unet', channels: 640 } },
    ]);
    expect(diff.differing).toEqual(['lr', 'model.channels', 'rank', 'seed']);
    expect(diff.shared).toEqual(['betas', 'model.name', 'optimizer']);
    expect(diff.values.map((flat) => flat.lr)).toEqual([1e-4, 3e-4, 1e-4]);
  });

  it('counts a key some runs lack as differing, and equal numbers however written as the same', () => {
    const diff = diffConfigs([
      { lr: 0.0003, warmup: 100, clip: NaN, betas: [0.9, 0.99] },
      { lr: 3e-4, clip: NaN, betas: [0.9, 0.99] },
    ]);
    expect(diff.differing).toEqual(['warmup']);
    expect(diff.shared).toEqual(['betas', 'clip', 'lr']);
    expect(diff.values[1]).not.toHaveProperty('warmup');
  });

  it('finds no differences between identical runs, or for one run, or none', () => {
    expect(diffConfigs([base, structuredClone(base)]).differing).toEqual([]);
    expect(diffConfigs([base]).differing).toEqual([]);
    expect(diffConfigs([base]).shared).toHaveLength(7);
    expect(diffConfigs([])).toEqual({ differing: [], shared: [], values: [] });
  });

  it('tells lists apart by their elements and order', () => {
    expect(diffConfigs([{ betas: [0.9, 0.99] }, { betas: [0.99, 0.9] }]).differing).toEqual(['betas']);
  });
});
