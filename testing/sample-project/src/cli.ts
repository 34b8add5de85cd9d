import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SAMPLE_OUTPUT, writeSampleProject } from './write.js';

const target = process.argv[2] ?? SAMPLE_OUTPUT;
const dirs = writeSampleProject(target);

function sizeOf(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}

for (const dir of dirs) console.log(`${relative(process.cwd(), dir)}  ${(sizeOf(dir) / 1024).toFixed(0)} KiB`);
console.log(`total ${(sizeOf(target) / 1024).toFixed(0)} KiB in ${relative(process.cwd(), target) || '.'}`);
