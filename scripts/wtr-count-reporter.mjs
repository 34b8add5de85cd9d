import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, relative } from 'node:path';

/**
 * A web-test-runner reporter that writes pass/fail counts over every browser to a JSON file, so
 * the test script can sum all suites into one line, with the names of the failed tests so that
 * the summary at the end of a CI log says which ones. A test file that fails to load counts as one
 * failure: a broken file must never pass by having no tests.
 */
export function countReporter(outputFile) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const failures = [];
      const failedFiles = new Set();
      for (const session of sessions) {
        const where = `${session.browser?.name ?? 'browser'} ${relative(process.cwd(), session.testFile)}`;
        const walk = (suite, path) => {
          for (const test of suite.tests ?? []) {
            if (test.skipped) skipped++;
            else if (test.passed) passed++;
            else {
              failed++;
              failedFiles.add(session.testFile);
              failures.push({
                test: `${where} › ${[...path, test.name].join(' › ')}`,
                message: firstLine(test.error?.message),
              });
            }
          }
          for (const child of suite.suites ?? []) walk(child, [...path, child.name]);
        };
        if (session.testResults) walk(session.testResults, []);
        if ((session.errors?.length ?? 0) > 0 || (!session.passed && !session.testResults)) {
          failed++;
          failedFiles.add(session.testFile);
          failures.push({ test: where, message: firstLine(session.errors?.[0]?.message) || 'the file did not run' });
        }
      }
      mkdirSync(dirname(outputFile), { recursive: true });
      writeFileSync(outputFile, JSON.stringify({ passed, failed, skipped, failures, failedFiles: [...failedFiles] }));
    },
  };
}

function firstLine(text) {
  return String(text ?? '')
    .split('\n')[0]
    .slice(0, 300);
}
