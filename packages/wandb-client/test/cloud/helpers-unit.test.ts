import { describe, expect, it } from 'vitest';
import { caseInsensitiveLiteral, searchFilter } from '../../src/cloud/params.js';
import { buildRunBatch, routeRunBatch } from '../../src/cloud/run-batch.js';
import { isoTime } from '../../src/cloud/run-node.js';
import { signedUrlExpiry } from '../../src/cloud/signed-url.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../src/internal/retry.js';
import { parseWandbJson } from '../../src/wandb-json.js';

describe('parseWandbJson', () => {
  it('reads NaN and ±Infinity tokens but leaves them alone inside strings', () => {
    expect(parseWandbJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN Infinity"}')).toEqual({
      a: NaN,
      b: [Infinity, -Infinity],
      c: 'NaN Infinity',
    });
  });

  it('accepts raw control characters in strings and still rejects broken JSON', () => {
    expect(parseWandbJson('{"caption": "line one\nline two\t!"}')).toEqual({ caption: 'line one\nline two\t!' });
    expect(() => parseWandbJson('{"a": NaNx}')).toThrow(SyntaxError);
    expect(() => parseWandbJson('{"a": [1, 2')).toThrow(SyntaxError);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-05-01T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Fri, 01 May 2026 12:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Fri, 01 May 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('doubles the backoff with at most 25% jitter, up to the cap', () => {
    expect(backoffDelay(1, DEFAULT_RETRY, () => 0)).toBe(1000);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 1)).toBe(5000);
    expect(backoffDelay(10, DEFAULT_RETRY, () => 0.5)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});

describe('signedUrlExpiry', () => {
  it('reads GCS V4 and S3 SigV4 date + lifetime', () => {
    const gcs =
      'https://storage.googleapis.com/b/o.png?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Date=20260501T120000Z&X-Goog-Expires=900&X-Goog-Signature=ab';
    expect(signedUrlExpiry(gcs)).toBe(Date.parse('2026-05-01T12:15:00Z'));
    const s3 = 'https://b.s3.amazonaws.com/o.png?x-amz-date=20260501T120000Z&x-amz-expires=60&x-amz-signature=cd';
    expect(signedUrlExpiry(s3)).toBe(Date.parse('2026-05-01T12:01:00Z'));
  });

  it('reads Expires=<unix seconds> and Azure se=, and says null otherwise', () => {
    expect(signedUrlExpiry('https://cdn.example/o.png?Expires=1777636800&Signature=x')).toBe(1777636800_000);
    expect(signedUrlExpiry('https://a.blob.core.windows.net/c/o.png?se=2026-05-01T13:00:00Z&sig=abc')).toBe(
      Date.parse('2026-05-01T13:00:00Z'),
    );
    expect(signedUrlExpiry('https://cdn.example/o.png')).toBeNull();
    expect(signedUrlExpiry('not a url')).toBeNull();
  });
});

describe('search filter', () => {
  it('matches literally and case-insensitively, with no regex flags', () => {
    const pattern = caseInsensitiveLiteral('Lr=1e-4 (a|b)');
    const re = new RegExp(pattern);
    expect(re.test('lr=1E-4 (A|B)')).toBe(true);
    expect(re.test('lr=1e-4 a')).toBe(false);
    expect(searchFilter('  ')).toBeNull();
    expect(searchFilter('a b')).toMatchObject({ $and: [{ $or: expect.any(Array) }, { $or: expect.any(Array) }] });
  });
});

describe('times', () => {
  it('reads wandb’s naive UTC times as UTC', () => {
    expect(isoTime('2023-11-05T17:46:35')).toBe('2023-11-05T17:46:35.000Z');
    expect(isoTime('2021-02-16T23:44:10.058524')).toBe('2021-02-16T23:44:10.058Z');
    expect(isoTime('2026-01-01T00:00:00+02:00')).toBe('2025-12-31T22:00:00.000Z');
    expect(isoTime('yesterday')).toBeNull();
  });
});

describe('aliased run batches', () => {
  const ref = (runId: string) => ({ entity: 'e', project: 'p', runId });

  it('gives each run its own alias and variables', () => {
    const request = buildRunBatch([
      {
        ref: ref('a'),
        operation: 'RunFiles',
        selection: 'files(names: $names) { edges { node { name } } }',
        variables: { names: { type: '[String]', value: ['x'] } },
      },
      {
        ref: ref('b'),
        operation: 'RunFiles',
        selection: 'files(names: $names) { edges { node { name } } }',
        variables: { names: { type: '[String]', value: ['y'] } },
      },
    ]);
    expect(request.operationName).toBe('RunFiles');
    expect(request.query).toContain(
      'q1: project(name: $q1_project, entityName: $q1_entity) { run(name: $q1_run) { files(names: $q1_names)',
    );
    expect(request.variables).toMatchObject({ q0_run: 'a', q0_names: ['x'], q1_run: 'b', q1_names: ['y'] });
  });

  it('routes errors by alias path, and nulls to the missing project or run', () => {
    const items = ['a', 'b', 'c', 'd'].map((id) => ({ ref: ref(id), operation: 'Run', selection: 'name' }));
    const results = routeRunBatch(items, {
      data: { q0: { run: { name: 'a' } }, q1: null, q2: { run: null }, q3: null },
      errors: [{ message: 'boom', path: ['q3', 'run'] }],
    });
    expect(results[0]).toEqual({ name: 'a' });
    expect(results[1]).toMatchObject({ kind: 'project' });
    expect(results[2]).toMatchObject({ kind: 'run', what: 'c' });
    expect(results[3]).toMatchObject({ name: 'GraphQLError', message: expect.stringContaining('boom') });
  });
});
