/**
 * JSON text as wandb writes it. Python's encoder emits `NaN`, `Infinity` and `-Infinity`, which
 * JSON.parse rejects: at the top level they become the numbers they name; inside objects and
 * lists they become null.
 */
export function parseWandbJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const bare = NON_FINITE[text.trim()];
    if (bare !== undefined) return bare;
    const patched = replaceNonFinite(text);
    if (patched !== text) return JSON.parse(patched);
    throw error;
  }
}

const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** Replace NaN / Infinity / -Infinity tokens outside string literals with null. */
function replaceNonFinite(text: string): string {
  let out = '';
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    const match = /^(-?Infinity|NaN)/.exec(text.slice(i, i + 9));
    if (match) {
      out += text.slice(last, i) + 'null';
      i += match[0].length - 1;
      last = i + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Set `value` at a nested path, creating plain objects on the way. */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next) && Object.hasOwn(node, key)) {
      node = next as Record<string, unknown>;
    } else {
      const child = {};
      defineOwn(node, key, child);
      node = child;
    }
  }
  defineOwn(node, path[path.length - 1]!, value);
}

/** An own property, even for names like `__proto__` that plain assignment would treat specially. */
function defineOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Remove the value at a nested path, if there is one. */
export function deletePath(target: Record<string, unknown>, path: readonly string[]): void {
  let node: unknown = target;
  for (let i = 0; i < path.length - 1; i++) {
    const parent = node as Record<string, unknown>;
    if (!Object.hasOwn(parent, path[i]!)) return;
    node = parent[path[i]!];
    if (typeof node !== 'object' || node === null) return;
  }
  delete (node as Record<string, unknown>)[path[path.length - 1]!];
}
