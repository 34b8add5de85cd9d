import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';

/**
 * Save a screenshot of a main view as a test artifact: attached to the report and collected under
 * `test-results/screenshots/<browser>/<name>.png` (git ignores test-results/).
 */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = join(testInfo.project.outputDir, 'screenshots', testInfo.project.name, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
