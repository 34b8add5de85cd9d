import { expect } from '@open-wc/testing';
import { arrangeRuns, readRunOrder, runOrderText } from './arrange-runs.js';

const run = (id: string, config?: Record<string, unknown>) => ({ id, run: config ? { config } : null });
const ids = (runs: Array<{ id: string }>) => runs.map((r) => r.id);

describe('arrangeRuns', () => {
  const runs = [
    run('a', { lr: 3e-4, name: 'run10' }),
    run('b', { lr: 1e-4, name: 'run9' }),
    run('c', { name: 'run1' }),
    run('d', { lr: 1e-3, name: 'run2' }),
    run('e', { lr: 1e-4 }),
    run('f'),
  ];

  it('sorts numbers as numbers, equal values in their selection order, runs without the key last', () => {
    expect(ids(arrangeRuns(runs, { key: 'lr', descending: false }))).to.deep.equal(['b', 'e', 'a', 'd', 'c', 'f']);
  });

  it('descending keeps equal values in selection order and runs without the key still last', () => {
    expect(ids(arrangeRuns(runs, { key: 'lr', descending: true }))).to.deep.equal(['d', 'a', 'b', 'e', 'c', 'f']);
  });

  it('sorts text with its digits by value, and puts numbers before text', () => {
    expect(ids(arrangeRuns(runs, { key: 'name', descending: false }))).to.deep.equal(['c', 'd', 'b', 'a', 'e', 'f']);
    const mixed = [run('t', { seed: 'x' }), run('n', { seed: 2 }), run('nan', { seed: Number.NaN })];
    expect(ids(arrangeRuns(mixed, { key: 'seed', descending: false })), 'NaN reads as text').to.deep.equal([
      'n',
      'nan',
      't',
    ]);
  });

  it('follows nested keys with dots, and leaves the order alone without one', () => {
    const nested = [run('x', { opt: { beta: 0.99 } }), run('y', { opt: { beta: 0.9 } })];
    expect(ids(arrangeRuns(nested, { key: 'opt.beta', descending: false }))).to.deep.equal(['y', 'x']);
    expect(ids(arrangeRuns(runs, null))).to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('reads and writes the order as a link keeps it', () => {
    expect(readRunOrder('lr')).to.deep.equal({ key: 'lr', descending: false });
    expect(readRunOrder('-opt.beta')).to.deep.equal({ key: 'opt.beta', descending: true });
    expect(readRunOrder('')).to.equal(null);
    expect(readRunOrder(null)).to.equal(null);
    expect(runOrderText({ key: 'lr', descending: true })).to.equal('-lr');
  });
});
