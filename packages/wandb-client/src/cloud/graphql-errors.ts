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
 * Turn `errors[]` of a 200 answer into the most useful typed error: wandb reports missing entities,
 * projects and runs, and permission problems, as GraphQL errors as well as with `null` data.
 */
export function errorFromGraphQL(errors: GraphQLErrorEntry[], scope: ProjectRef & { runId?: string }): WandbError {
  const text = errors.map((e) => e.message).join('; ');
  if (/not\s*found|does not exist|doesn't exist/i.test(text)) {
    if (/\bentity\b/i.test(text)) {
      return new NotFoundError('entity', scope.entity, `Entity "${scope.entity}" was not found on wandb (${text}).`);
    }
    if (/\bproject\b/i.test(text)) return projectNotFound(scope);
    if (/\brun\b/i.test(text) && scope.runId) return runNotFound({ ...scope, runId: scope.runId });
  }
  if (/permission|not authori[sz]ed|unauthori[sz]ed|forbidden/i.test(text)) {
    return new AuthError(
      `wandb refused access to ${scope.entity}/${scope.project} (${text}). Check WANDB_API_KEY: the key's user must be able to read this project.`,
    );
  }
  return new GraphQLError(errors);
}
