export { parseWandbJson } from '../../wandb-json.js';

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
