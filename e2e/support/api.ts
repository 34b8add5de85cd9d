import type { APIRequestContext } from '@playwright/test';
import { SAMPLE } from './env.js';

/** The union of the steps at which `runIds` logged images under `keys`, as the server reports them. */
export async function stepsOf(
  request: APIRequestContext,
  baseUrl: string,
  runIds: string[],
  keys: string[],
  project: { entity: string; project: string } = SAMPLE,
): Promise<number[]> {
  const all = await Promise.all(
    runIds.map(async (runId) => {
      const url = `${baseUrl}/api/runs/${project.entity}/${project.project}/${runId}/steps?keys=${keys.map(encodeURIComponent).join(',')}&missing=empty`;
      const response = await request.get(url);
      if (!response.ok()) throw new Error(`${url} answered ${response.status()}`);
      return ((await response.json()) as { steps: number[] }).steps;
    }),
  );
  return [...new Set(all.flat())].sort((a, b) => a - b);
}

/** Run ids by display name, from the server's run list. */
export async function runIdsByName(
  request: APIRequestContext,
  baseUrl: string,
  project: { entity: string; project: string } = SAMPLE,
): Promise<Record<string, string>> {
  const response = await request.get(`${baseUrl}/api/projects/${project.entity}/${project.project}/runs?perPage=100`);
  const { runs } = (await response.json()) as { runs: { id: string; displayName: string }[] };
  return Object.fromEntries(runs.map((run) => [run.displayName, run.id]));
}
