// Vitest reporter for `npm run bench:test` (scripts/bench-tests.mjs): writes the number of tests and each test file's
// time to the JSON file named by LANDING_ZONE_TEST_REPORT. A file's time is what its worker spent on it: importing the
// setup file and the test file (with whatever it loads first in that worker), then its tests and hooks.
import { writeFileSync } from "node:fs";
import { relative } from "node:path";

export default class BenchReporter {
  onTestRunEnd(testModules) {
    const files = testModules.map((module) => {
      const { setupDuration, collectDuration, duration } = module.diagnostic();
      return { file: relative(process.cwd(), module.moduleId), seconds: (setupDuration + collectDuration + duration) / 1000 };
    });
    const tests = testModules.reduce((sum, module) => sum + [...module.children.allTests()].length, 0);
    writeFileSync(process.env.LANDING_ZONE_TEST_REPORT, JSON.stringify({ tests, files }));
  }
}
