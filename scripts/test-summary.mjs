// Prints the plain closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON reports (one or more).
// A file that fails outside any test (an import error, a failing beforeAll/afterAll) counts as one failed test, and
// so does a missing report (vitest died before writing it): the line never says "0 failed" for a red run.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  let reportFailed = report.numFailedTests;
  for (const suite of report.testResults ?? []) {
    const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    if (suite.status === 'failed' && failedTests === 0) reportFailed++;
  }
  if (report.success === false && reportFailed === 0) reportFailed = 1;
  failed += reportFailed;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
