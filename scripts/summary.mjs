// Prints one closing line over both runners' JSON reports: "Tests: N passed, N failed" (", N skipped" when any were).
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const [vitestFile, playwrightFile] = process.argv.slice(2);
if (existsSync(vitestFile)) {
  const r = JSON.parse(readFileSync(vitestFile, 'utf8'));
  passed += r.numPassedTests;
  // a file that failed before any of its tests ran (an import error) counts once; a failing test is already counted
  const brokenFiles = Array.isArray(r.testResults)
    ? r.testResults.filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length
    : (r.numFailedTestSuites ?? 0);
  failed += r.numFailedTests + brokenFiles;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else failed += 1;
if (existsSync(playwrightFile)) {
  const s = JSON.parse(readFileSync(playwrightFile, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
} else failed += 1;
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
