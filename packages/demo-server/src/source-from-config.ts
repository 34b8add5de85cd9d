import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createWandbClient, type ProjectRef, type RunSource } from '@run-comparer/wandb-client';
import { ConfigError, type ProjectDefaults, type ServerConfig } from './config.js';
import { hiddenPathsOf, shownDirectory, type HiddenPath } from './hidden-paths.js';

export interface ConfiguredSource {
  source: RunSource;
  defaults: ProjectDefaults;
  /** For /api/health, the page and the start banner: never a credential. */
  description: string;
  /** Strings that must never leave the server. */
  secrets: string[];
  /** Local mode: the runs' directory, which answers name only relative to the working directory. */
  hiddenPaths: HiddenPath[];
  /** Local mode: the absolute directory, for the start banner only. */
  dir?: string;
}

/** Build the RunSource the configuration names, and find the project the page opens. */
export async function sourceFromConfig(config: ServerConfig): Promise<ConfiguredSource> {
  const chosen = { entity: config.entity, project: config.project };
  const { source } = config;
  if (source.kind === 'cloud') {
    // Give up on a rate limit before the API's own deadline, so the browser hears 429, not 504.
    const client = createWandbClient({
      apiKey: source.apiKey,
      baseUrl: source.baseUrl,
      retry: { maxElapsedMs: 12_000 },
    });
    return {
      source: client.source,
      defaults: chosen,
      description: `wandb cloud (${source.baseUrl})`,
      secrets: [source.apiKey],
      hiddenPaths: [],
    };
  }

  const dir = resolve(source.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConfigError(
      source.kind === 'sample'
        ? `The bundled sample project is missing (${dir}). Pass --dir PATH to a wandb directory, or set WANDB_API_KEY for the wandb cloud.`
        : `${source.kind === 'local' && source.origin === 'env' ? 'WANDB_DIR' : '--dir'} is not a directory: ${dir}`,
    );
  }
  const { openLocalRuns } = await import('@run-comparer/wandb-client/local');
  const local = openLocalRuns({ dir, ...(chosen.entity ? { entity: chosen.entity } : {}) });
  const defaults = chosen.entity && chosen.project ? chosen : pickProject(await local.projects(), chosen);
  const description = source.kind === 'sample' ? 'the bundled sample project' : `local runs in ${shownDirectory(dir)}`;
  return { source: local, defaults, description, secrets: [], hiddenPaths: hiddenPathsOf(dir), dir };
}

/** The project the page opens: the one asked for when it exists, else the first found. */
function pickProject(projects: ProjectRef[], chosen: ProjectDefaults): ProjectDefaults {
  const match = projects.find(
    (p) => (!chosen.entity || p.entity === chosen.entity) && (!chosen.project || p.project === chosen.project),
  );
  const picked = match ?? projects[0];
  return { entity: chosen.entity ?? picked?.entity ?? null, project: chosen.project ?? picked?.project ?? null };
}
