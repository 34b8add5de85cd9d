/**
 * Copy the main views the end-to-end tests photographed (test-results/screenshots/chromium) into
 * docs/screenshots as small PNGs for the README: palette-quantised and at most 1400 px wide.
 *   npx playwright test --project=chromium e2e/comparer.spec.ts e2e/run-details.spec.ts e2e/evolution.spec.ts
 *   node --conditions=source --import tsx e2e/support/publish-screenshots.ts
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ROOT } from './env.js';

const VIEWS = [
  'grid',
  'grid-dark',
  'detail',
  'compare-side-by-side',
  'compare-swipe',
  'compare-blink',
  'compare-difference',
  'run-details',
  'evolution',
];
const from = join(ROOT, 'test-results', 'screenshots', 'chromium');
const to = join(ROOT, 'docs', 'screenshots');
mkdirSync(to, { recursive: true });

const missing = VIEWS.filter((view) => !existsSync(join(from, `${view}.png`)));
if (missing.length) {
  console.error(`No screenshot yet of ${missing.join(', ')} in ${from}: run the Chromium end-to-end tests first.`);
  process.exit(1);
}
for (const view of VIEWS) {
  const target = join(to, `${view}.png`);
  await sharp(join(from, `${view}.png`))
    .resize({ width: 1400, withoutEnlargement: true })
    .png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 })
    .toFile(target);
  console.log(`${view}.png  ${(statSync(target).size / 1024).toFixed(0)} KiB`);
}
