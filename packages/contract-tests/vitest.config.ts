import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["src/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CI reads the JUnit report from reports/ at the repository root.
    reporters: ["default", "junit"],
    outputFile: { junit: join(import.meta.dirname, "..", "..", "reports", "junit", "contract-tests.xml") },
  },
});
