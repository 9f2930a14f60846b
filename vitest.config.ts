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
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
