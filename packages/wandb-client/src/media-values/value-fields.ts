/** Small readers of the loosely typed fields of wandb's media JSON. */

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A run-relative media path with forward slashes and no leading slash. */
export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\/+/, '');
}

/** The lower-case extension of a path (`png`, `mp4`), or null. */
export function extensionOf(path: string): string | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  return match ? match[1]!.toLowerCase() : null;
}

/** `wandb-artifact://…`, `wandb-client-artifact://…` or any other `scheme://` reference. */
export function isUri(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(name);
}

/** Where an artifact-only value points, for messages: its `artifact_path`, else `_latest_artifact_path`. */
export function artifactOf(value: Record<string, unknown>): string | null {
  return str(value.artifact_path) ?? str(value._latest_artifact_path);
}
