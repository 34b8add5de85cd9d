import { describe, expect, it } from 'vitest';
import { searchFilter } from '../../src/cloud/search-filter.js';
import { parseRunQuery } from '../../src/config/run-query.js';

describe('parseRunQuery', () => {
  it('reads conditions on config and summary, with numbers as numbers', () => {
    expect(parseRunQuery('lr=3e-4 rank>=16 optimizer:adam summary.eval/fid<20 config.model.name!=vae')).toEqual({
      words: [],
      conditions: [
        { scope: 'config', key: 'lr', op: '=', value: 0.0003 },
        { scope: 'config', key: 'rank', op: '>=', value: 16 },
        { scope: 'config', key: 'optimizer', op: ':', value: 'adam' },
        { scope: 'summary', key: 'eval/fid', op: '<', value: 20 },
        { scope: 'config', key: 'model.name', op: '!=', value: 'vae' },
      ],
    });
  });

  it('keeps free words as typed, quoted phrases whole, and anything unfinished as a word', () => {
    expect(parseRunQuery('  Baseline "red apple" prompt:"a b c" lr= =3 0.0003 flag=true ')).toEqual({
      words: ['Baseline', 'red apple', 'lr=', '=3', '0.0003'],
      conditions: [
        { scope: 'config', key: 'prompt', op: ':', value: 'a b c' },
        { scope: 'config', key: 'flag', op: '=', value: true },
      ],
    });
    expect(parseRunQuery(undefined)).toEqual({ words: [], conditions: [] });
  });
});

describe('searchFilter (the wandb filter for the cloud)', () => {
  it('turns conditions into config.<key>.value, nested config.<a>.<b> and summary_metrics filters', () => {
    expect(searchFilter('lr=3e-4 rank>=16 model.name:unet summary.best_fid<13')).toEqual({
      $and: [
        { 'config.lr.value': 0.0003 },
        { 'config.rank.value': { $gte: 16 } },
        { 'config.model.name': { $regex: '[uU][nN][eE][tT]' } },
        { 'summary_metrics.best_fid': { $lt: 13 } },
      ],
    });
  });

  it('lets a free word reach config keys and values under the keys it is given', () => {
    const filter = searchFilter('0.0003', ['learning_rate', 'model.name']) as { $or: Record<string, unknown>[] };
    expect(filter.$or).toContainEqual({ displayName: { $regex: '0\\.0003' } });
    expect(filter.$or).toContainEqual({ 'config.learning_rate.value': 0.0003 });
    expect(filter.$or).toContainEqual({ 'config.model.name': 0.0003 });
    const byKey = searchFilter('Learning', ['learning_rate']) as { $or: Record<string, unknown>[] };
    expect(byKey.$or).toContainEqual({ 'config.learning_rate.value': { $exists: true } });
    expect(byKey.$or).toContainEqual({ tags: { $in: ['Learning'] } });
  });

  it('is null for an empty search', () => {
    expect(searchFilter('   ', ['lr'])).toBeNull();
  });
});
