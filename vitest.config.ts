import { availableParallelism } from "node:os"
import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

export default defineConfig({
  // examples/ import qsem by its package name, as a project that installed it does.
  resolve: { alias: { qsem: fileURLToPath(new URL("./index.ts", import.meta.url)) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    // Every core (vitest's default leaves one idle: a single worker on a 2-core machine).
    maxWorkers: availableParallelism(),
    // Test files share their worker's module cache: importing the kit once per worker rather than once per
    // file cut the suite from about 400 s to about 140 s on 2 cores (the import phase from 200 s to 9 s). The
    // kit's modules keep no mutable global state a test could leak (memo tables are WeakMaps keyed by config;
    // the guarantees' key strings, properties/guarantees/internal/keys.ts, are a bounded cache of pure values; the
    // stdio targets' live process groups, impl/stdio/internal/processGroups.ts, empty as their processes end).
    isolate: false,
    // `qsem check` in a test runs in one thread unless it says --workers: the test files already use every core.
    env: { QSEM_WORKERS: "1" },
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
