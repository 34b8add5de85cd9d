import { AuthError, GraphQLError, NotFoundError, type GraphQLErrorEntry, type WandbError } from '../errors.js';
import type { ProjectRef, RunRef } from '../types.js';

export function projectNotFound(ref: ProjectRef): NotFoundError {
  const what = `${ref.entity}/${ref.project}`;
  return new NotFoundError(
    'project',
    what,
    `Project "${what}" was not found on wandb, or this API key cannot see it. Check the entity and project names (they are case-sensitive).`,
  );
}

export function runNotFound(ref: RunRef): NotFoundError {
  return new NotFoundError(
    'run',
    ref.runId,
    `Run "${ref.runId}" was not found in ${ref.entity}/${ref.project}. Use the run id from the run's URL (e.g. 1ht5692d), not its display name.`,
  );
}

/**
 * The error messages of a wandb answer, in either shape wandb sends: `errors: [...]` whose entries
 * are objects with a `message` or plain strings, or a single `error` (a string or `{ message }`).
 * (wandb/util.py `parse_backend_error_messages`, wandb-core internal/api/backenderrors.go.)
 */
export function errorEntriesOf(body: unknown): GraphQLErrorEntry[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const { error, errors } = body as { error?: unknown; errors?: unknown };
  const entries = Array.isArray(errors) ? errors : error !== undefined && error !== null ? [error] : [];
  return entries.flatMap((entry): GraphQLErrorEntry[] => {
    if (typeof entry === 'string') return entry ? [{ message: entry }] : [];
    if (typeof entry !== 'object' || entry === null) return [];
    const { message, path } = entry as { message?: unknown; path?: unknown };
    const validPath = Array.isArray(path) && path.every((p) => typeof p === 'string' || typeof p === 'number');
    return [{ message: typeof message === 'string' ? message : '(no message)', ...(validPath ? { path } : {}) }];
  });
}

/**
 * Turn wandb's error messages (of a 200 answer, or a 4xx carrying GraphQL errors) into the most
 * useful typed error, keeping the server's own words: wandb reports missing entities, projects and
 * runs, and permission problems, as GraphQL errors as well as with `null` data.
 */
export function errorFromGraphQL(
  errors: GraphQLErrorEntry[],
  scope: ProjectRef & { runId?: string },
  status: number | null = null,
): WandbError {
  const text = errors.map((e) => e.message).join('; ');
  const said = ` (wandb said: ${text})`;
  const options = { status };
  if (/not\s*found|does not exist|doesn't exist/i.test(text)) {
    if (/\bentity\b/i.test(text)) {
      return new NotFoundError(
        'entity',
        scope.entity,
        `Entity "${scope.entity}" was not found on wandb${said}.`,
        options,
      );
    }
    if (/\bproject\b/i.test(text)) {
      const base = projectNotFound(scope);
      return new NotFoundError('project', base.what, `${base.message}${said}`, options);
    }
    if (/\brun\b/i.test(text) && scope.runId) {
      const base = runNotFound({ ...scope, runId: scope.runId });
      return new NotFoundError('run', base.what, `${base.message}${said}`, options);
    }
  }
  if (/permission|not authori[sz]ed|unauthori[sz]ed|forbidden|access denied/i.test(text)) {
    return new AuthError(
      `wandb refused access to ${scope.entity}/${scope.project}${said}. Check WANDB_API_KEY: the key's user must be able to read this project.`,
      options,
    );
  }
  return new GraphQLError(errors, undefined, options);
}
