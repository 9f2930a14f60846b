/**
 * A history: the ordered (command, response) pairs of one run.
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { Command } from "./command.ts"
import { Response } from "./response.ts"

/** One step of a run: the command and what the system answered. */
export const HistoryEntry = Schema.Struct({
  command: Command,
  response: Response
})
/** @see {@link HistoryEntry} */
export type HistoryEntry = typeof HistoryEntry.Type

/** The ordered steps of one run. Guarantees are checked over histories. */
export const History = Schema.Array(HistoryEntry)
/** @see {@link History} */
export type History = typeof History.Type
