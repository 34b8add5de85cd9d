/**
 * A run's config as one level of dotted keys: `{ model: { name: 'unet' } }` becomes
 * `{ 'model.name': 'unet' }`. Lists and empty objects are values, not flattened. The sources already
 * give config without wandb's `{ value, desc }` wrappers and without `_wandb`.
 */
export function flattenConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const visit = (node: Readonly<Record<string, unknown>>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix + key;
      if (isPlainObject(value) && Object.keys(value).length > 0) visit(value, `${path}.`);
      else Object.defineProperty(flat, path, { value, enumerable: true, writable: true, configurable: true });
    }
  };
  visit(config, '');
  return flat;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A config value at a dotted key: the key as written (`model.name` may be one key), else the nested path. */
export function configValue(config: Readonly<Record<string, unknown>>, key: string): unknown {
  if (Object.hasOwn(config, key)) return config[key];
  let node: unknown = config;
  for (const part of key.split('.')) {
    if (!isPlainObject(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/**
 * Whether two config values are the same: numbers by value (`3e-4` is `0.0003`, NaN is NaN), lists
 * and objects deeply, anything else strictly.
 */
export function sameConfigValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameConfigValue(v, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && sameConfigValue(a[key], b[key]))
  );
}
