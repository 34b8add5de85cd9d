import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import { parseArgs } from 'node:util';

export type SourceConfig =
  | { kind: 'cloud'; apiKey: string; baseUrl: string }
  | { kind: 'local'; dir: string; origin: 'flag' | 'env' }
  | { kind: 'sample'; dir: string };

/** The project the page opens; either may be unknown. */
export interface ProjectDefaults {
  entity: string | null;
  project: string | null;
}

export interface ServerConfig {
  host: string;
  port: number;
  source: SourceConfig;
  entity: string | null;
  project: string | null;
  token: string | null;
  corsOrigins: string[];
  /** Where originals and thumbnails are kept across restarts, and how much; null when turned off. */
  diskCache: { dir: string; maxBytes: number } | null;
  help: boolean;
}

/** The machine the defaults are for (replaceable in tests). */
export interface SystemInfo {
  platform: NodeJS.Platform;
  home: string;
}

export const DEFAULT_DISK_CACHE_BYTES = 1024 ** 3;

/** Bad command-line or environment input: the message says what to change. */
export class ConfigError extends Error {}

export const USAGE = `Usage: run-comparer-demo-server [--dir PATH] [--host HOST] [--port PORT] [--entity E] [--project P]

Where runs come from (the first that applies):
  --dir PATH          a local wandb directory (a training repo, its wandb/ folder, or one run folder)
  WANDB_API_KEY       the wandb cloud (WANDB_BASE_URL for wandb server; WANDB_ENTITY, WANDB_PROJECT as defaults)
  WANDB_DIR           a local wandb directory
  (nothing)           the bundled sample project

Options:
  --host HOST         address to bind (default 127.0.0.1)
  --port PORT         port (default 7100; 0 picks a free one)
  --entity, --project the project the page opens (default WANDB_ENTITY / WANDB_PROJECT)
  --cache-dir PATH    where images and thumbnails are kept across restarts (RUN_COMPARER_CACHE_DIR;
                      default: the user's cache directory, e.g. ~/.cache/run-comparer)
  --cache-size SIZE   most disk the cache may use, e.g. 500MB or 4GB; 0 or off keeps images in
                      memory only (RUN_COMPARER_CACHE_SIZE; default 1GB)
  DEMO_TOKEN          require this token on every API and media request
  CORS_ORIGINS        comma-separated origins allowed to call the API from other sites
A .env file in the current directory is read first; variables already set win.`;

/** Read the command line and environment. Pure: no files are touched here. */
export function readConfig(
  argv: string[],
  env: NodeJS.ProcessEnv,
  sampleDir: string,
  system: SystemInfo = { platform: process.platform, home: homedir() },
): ServerConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        dir: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        entity: { type: 'string' },
        project: { type: 'string' },
        'cache-dir': { type: 'string' },
        'cache-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

  const port = text(values.port) ?? '7100';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535)
    throw new ConfigError(`--port must be a number from 0 to 65535; got "${port}".`);
  const host = text(values.host) ?? '127.0.0.1';

  const apiKey = text(env.WANDB_API_KEY);
  const dirFlag = text(values.dir);
  const source: SourceConfig = dirFlag
    ? { kind: 'local', dir: dirFlag, origin: 'flag' }
    : apiKey
      ? { kind: 'cloud', apiKey, baseUrl: (text(env.WANDB_BASE_URL) ?? 'https://api.wandb.ai').replace(/\/+$/, '') }
      : text(env.WANDB_DIR)
        ? { kind: 'local', dir: text(env.WANDB_DIR)!, origin: 'env' }
        : { kind: 'sample', dir: sampleDir };
  if (source.kind === 'cloud' && !/^https?:\/\/[^/\s]+/i.test(source.baseUrl)) {
    throw new ConfigError(
      `WANDB_BASE_URL must be an http(s) URL such as https://api.wandb.ai; got "${source.baseUrl}".`,
    );
  }

  const corsOrigins = (text(env.CORS_ORIGINS) ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/i.test(origin.replace(/\/$/, ''))) {
      throw new ConfigError(
        `CORS_ORIGINS must list origins such as https://dash.example.com (no path); got "${origin}".`,
      );
    }
  }
  const token = text(env.DEMO_TOKEN);
  if (token && token.length < 8)
    throw new ConfigError('DEMO_TOKEN is too short: use at least 8 characters (e.g. `openssl rand -hex 16`).');

  const cacheSize = text(values['cache-size']) ?? text(env.RUN_COMPARER_CACHE_SIZE);
  const cacheBytes = cacheSize === null ? DEFAULT_DISK_CACHE_BYTES : parseCacheSize(cacheSize);
  const cacheDir = text(values['cache-dir']) ?? text(env.RUN_COMPARER_CACHE_DIR) ?? defaultCacheDir(system, env);

  return {
    host,
    port: Number(port),
    source,
    entity: text(values.entity) ?? text(env.WANDB_ENTITY),
    project: text(values.project) ?? text(env.WANDB_PROJECT),
    token,
    corsOrigins,
    diskCache: cacheBytes === 0 ? null : { dir: cacheDir, maxBytes: cacheBytes },
    help: values.help === true,
  };
}

/**
 * The platform's place for a user's caches: `$XDG_CACHE_HOME` or `~/.cache` on Linux and the
 * BSDs, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows; `run-comparer` inside it.
 */
export function defaultCacheDir(system: SystemInfo, env: NodeJS.ProcessEnv): string {
  if (system.platform === 'win32') {
    return win32.join(env.LOCALAPPDATA?.trim() || win32.join(system.home, 'AppData', 'Local'), 'run-comparer', 'Cache');
  }
  if (system.platform === 'darwin') return posix.join(system.home, 'Library', 'Caches', 'run-comparer');
  // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME?.trim();
  return posix.join(xdg && xdg.startsWith('/') ? xdg : posix.join(system.home, '.cache'), 'run-comparer');
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `0`/`off`, or a size with a unit: `500MB`, `4GB`, `1.5GiB` (units are powers of 1024). */
export function parseCacheSize(value: string): number {
  const normalized = value.trim().toLowerCase();
  if (normalized === '0' || normalized === 'off') return 0;
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/.exec(normalized);
  const bytes = match && match[2] !== '' ? Math.floor(Number(match[1]) * UNITS[match[2]!]!) : NaN;
  if (!(bytes >= 1024 ** 2)) {
    throw new ConfigError(
      `--cache-size (RUN_COMPARER_CACHE_SIZE) must be a size of at least 1MB such as 500MB or 4GB, or 0 (or off) to keep images in memory only; got "${value}".`,
    );
  }
  return bytes;
}
