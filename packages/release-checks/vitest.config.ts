import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each comparison starts Optic's CLI (a few seconds of CPU): a handful at a time on two cores.
    maxConcurrency: 4,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
