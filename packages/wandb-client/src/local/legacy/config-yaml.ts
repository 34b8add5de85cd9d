import { parse } from 'yaml';

/** A pre-0.10 `config.yaml`, unwrapped: the user's config, and wandb's own `_wandb` entry. */
export interface LegacyConfig {
  config: Record<string, unknown>;
  /** `_wandb.value`: the SDK's bookkeeping (cli_version, is_jupyter_run, class labels of boxes and masks); null when absent. */
  wandb: Record<string, unknown> | null;
}

/**
 * Read `config.yaml` as wandb before 0.10 wrote it (`wandb_config.py`): `wandb_version: 1`, then
 * every key as `{desc, value}`. `wandb_version` is skipped, a mapping with `value` is unwrapped, and
 * anything else is taken as a bare value, as wandb itself reads it back. PyYAML writes `.nan` and
 * `.inf` for non-finite floats, which the YAML core schema reads as NaN and Infinity. Throws on text
 * that is not YAML or not a mapping.
 */
export function parseConfigYaml(text: string): LegacyConfig {
  const doc: unknown = parse(text, { schema: 'core', uniqueKeys: false });
  if (doc === null || doc === undefined) return { config: {}, wandb: null };
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new TypeError('it is not a mapping of config keys');
  const config: Record<string, unknown> = {};
  let wandb: Record<string, unknown> | null = null;
  for (const [key, entry] of Object.entries(doc as Record<string, unknown>)) {
    if (key === 'wandb_version') continue;
    const value = isWrapped(entry) ? entry.value : entry;
    if (key === '_wandb') wandb = isRecord(value) ? value : null;
    else config[key] = value;
  }
  return { config, wandb };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isWrapped(value: unknown): value is { value: unknown } {
  return isRecord(value) && 'value' in value;
}
