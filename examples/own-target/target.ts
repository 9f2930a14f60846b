/**
 * The qsem target of the in-memory queue: `qsem check --target ./target.ts`.
 *
 * @module
 */
import { Effect } from "effect"
import type { Target } from "qsem"
import { InMemoryQueue } from "./src/inMemoryQueue.ts"

/** Opens a fresh in-memory queue per run and answers each command at once. */
export const target: Target = {
  name: "own-queue",
  open: (config) =>
    Effect.sync(() => {
      const queue = new InMemoryQueue(config)
      return { execute: (command) => Effect.sync(() => queue.execute(command)) }
    })
}
