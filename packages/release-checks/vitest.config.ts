import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each comparison starts Optic's CLI (a few seconds of CPU): two at a time, one per core,
    // with room for a machine that turbo keeps busy with other packages' tasks.
    maxConcurrency: 2,
    testTimeout: 300_000,
    hookTimeout: 60_000,
  },
});
