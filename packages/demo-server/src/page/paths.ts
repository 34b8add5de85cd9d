import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo-server package folder, found from this module whether it runs from src/ or dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@run-comparer/demo-server'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Could not find the @run-comparer/demo-server package folder.');
    dir = parent;
  }
}

export interface PagePaths {
  /** The page template and stylesheet. */
  publicDir: string;
  /** The UI bundle built from @run-comparer/elements (`app.js`). */
  bundleDir: string;
}

export function defaultPagePaths(root: string = packageRoot()): PagePaths {
  return { publicDir: join(root, 'public'), bundleDir: join(root, 'dist', 'public') };
}
