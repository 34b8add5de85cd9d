import { realpathSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

/** A directory of the server's file system that answers name only as `shownAs`. */
export interface HiddenPath {
  path: string;
  shownAs: string;
}

/**
 * How the page and the API name `dir`: relative to the server's working directory when it is
 * inside it (`wandb`, `runs/wandb`), else only its folder name. A shared page then says which
 * runs it shows without revealing where on the server's disk they are.
 */
export function shownDirectory(dir: string, cwd = process.cwd()): string {
  const absolute = resolve(cwd, dir);
  const inside = relative(cwd, absolute);
  if (inside === '' || isAbsolute(inside) || inside.split(sep)[0] === '..') return basename(absolute) || absolute;
  return inside;
}

/** `dir` as given and as its real path (when a symlink leads elsewhere), each shown as {@link shownDirectory}. */
export function hiddenPathsOf(dir: string, cwd = process.cwd()): HiddenPath[] {
  const shownAs = shownDirectory(dir, cwd);
  const paths = new Set([resolve(cwd, dir)]);
  try {
    paths.add(realpathSync(resolve(cwd, dir)));
  } catch {
    // A directory that does not exist cannot show up in an answer by its real path either.
  }
  return [...paths].map((path) => ({ path, shownAs }));
}

/**
 * A `JSON.stringify` replacer that writes every hidden path inside a string as its shown name
 * (run warnings and error messages from a local source name the files they are about).
 */
export function hidePathsReplacer(hidden: readonly HiddenPath[]): (key: string, value: unknown) => unknown {
  const longestFirst = [...hidden].filter((h) => h.path.length > 1).sort((a, b) => b.path.length - a.path.length);
  return (_key, value) => {
    if (typeof value !== 'string') return value;
    let text = value;
    for (const { path, shownAs } of longestFirst) if (text.includes(path)) text = text.replaceAll(path, shownAs);
    return text;
  };
}
