import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A web-test-runner reporter that writes pass/fail counts over every browser to a JSON file, so
 * the test script can sum all suites into one line. A test file that fails to load counts as one
 * failure: a broken file must never pass by having no tests.
 */
export function countReporter(outputFile) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const test of suite.tests ?? []) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && !session.testResults)) failed++;
      }
      mkdirSync(dirname(outputFile), { recursive: true });
      writeFileSync(outputFile, JSON.stringify({ passed, failed, skipped }));
    },
  };
}
