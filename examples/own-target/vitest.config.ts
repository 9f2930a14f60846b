import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    // A check of 100 runs takes a few seconds: more than vitest's default 5 s on a busy machine.
    testTimeout: 60_000
  }
})
