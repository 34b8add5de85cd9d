import { syntheticDataset } from '@run-comparer/fake-wandb';
import { describe, expect, it } from 'vitest';
import { API_KEY, expectNoKey, rejectionOf, useHarness } from './helpers.js';

/**
 * wandb's error answers in the shapes it really sends: `errors` entries that are plain strings,
 * a single `{ "error": "..." }`, and 4xx statuses that carry GraphQL errors. Each becomes the typed
 * error a caller can act on (not found, permission), with wandb's own message, and never the key.
 */

const dataset = syntheticDataset({ runs: 2, lastStep: 2, imageKeys: [] });
const project = { entity: dataset.entity, project: dataset.project };
const run = { ...project, runId: dataset.runs[0]!.id };

describe('wandb error envelopes', () => {
  const h = useHarness([dataset]);

  it('plain-string errors in a 200 answer: a NotFoundError naming the project, with wandb’s message', async () => {
    h.fake.faults.add({ kind: 'graphql-errors', messages: ['project not found'], form: 'strings' });
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error).toMatchObject({ name: 'NotFoundError', code: 'not_found', kind: 'project' });
    expect(error.message).toContain(`${project.entity}/${project.project}`);
    expect(error.message).toContain('wandb said: project not found');
  });

  it('a 404 carrying GraphQL errors: a NotFoundError naming the run, not a generic failure', async () => {
    h.fake.faults.add({ kind: 'graphql-errors', messages: [`run ${run.runId} not found`], status: 404 });
    const error = await rejectionOf(h.client.runs.get(run));
    expect(error).toMatchObject({ name: 'NotFoundError', kind: 'run', what: run.runId });
    expect(error.message).toContain(`wandb said: run ${run.runId} not found`);
    expect(h.fake.requests.count()).toBe(1);
  });

  it('a 400 carrying a permission error as a string: an AuthError with wandb’s message, not retried', async () => {
    h.fake.faults.add({ kind: 'graphql-errors', messages: ['permission denied'], status: 400, form: 'strings' });
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error).toMatchObject({ name: 'AuthError', code: 'auth', status: 400 });
    expect(error.message).toContain('permission denied');
    expect(error.message).toContain('WANDB_API_KEY');
    expect(h.fake.requests.count('Runs')).toBe(1);
  });

  it('a single { "error": "..." } body: its message is kept', async () => {
    h.fake.faults.add({ kind: 'graphql-errors', messages: ['entity acme not found'], status: 404, form: 'error' });
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error).toMatchObject({ name: 'NotFoundError', kind: 'entity', what: project.entity });
    expect(error.message).toContain('entity acme not found');
  });

  it('a 403 says what wandb said, and anything else stays a GraphQLError with every message', async () => {
    h.fake.faults.add({ kind: 'graphql-errors', messages: ['api key lacks the read scope'], status: 403 });
    const forbidden = await rejectionOf(h.client.runs.list(project));
    expect(forbidden).toMatchObject({ name: 'AuthError', status: 403 });
    expect(forbidden.message).toContain('api key lacks the read scope');

    h.fake.faults.add({ kind: 'graphql-errors', messages: ['query too complex', 'try fewer fields'], form: 'strings' });
    const other = await rejectionOf(h.client.runs.list(project));
    expect(other).toMatchObject({ name: 'GraphQLError', code: 'graphql' });
    expect(other.errors).toEqual([{ message: 'query too complex' }, { message: 'try fewer fields' }]);
  });

  it('never repeats the key when wandb echoes it in a string error', async () => {
    h.fake.faults.add({
      kind: 'graphql-errors',
      messages: [`permission denied for key ${API_KEY}`],
      status: 400,
      form: 'strings',
    });
    const error = await rejectionOf(h.client.runs.list(project));
    expect(error.code).toBe('auth');
    expectNoKey(error);
  });
});
