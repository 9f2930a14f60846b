/**
 * Exploring a chunk of a check's runs by their indices, in whichever thread:
 * each run is judged and folded into the chunk's summary ({@link ChunkFolded}),
 * and only a failing run is kept whole. Worker threads and the main thread
 * run the same code, so a chunk's summary does not depend on who ran it.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import type { Choice } from "../../choice.ts"
import type { GuaranteeCheck } from "../../guarantees/check.ts"
import { evaluateRun, verdictOf } from "../evaluate.ts"
import type { Runner } from "../internal/runner.ts"
import type { RunChoicesSource } from "../runChoicesSource.ts"
import type { RunFold } from "../runFold.ts"
import { talliesFold } from "../tallies.ts"
import type { ChunkFolded } from "./protocol.ts"

/** What exploring a chunk needs: the runner, how runs are judged, where their choices come from, and the caller's fold. */
export interface ChunkExplorerOptions {
  readonly runner: Runner
  readonly config: Config
  readonly checks: ReadonlyArray<GuaranteeCheck>
  readonly conformance: boolean
  readonly source: RunChoicesSource<ReadonlyArray<Choice>>
  // A fold of any summary: the summary crosses threads as data (`unknown` in `ChunkFolded`).
  readonly fold: RunFold<any> | undefined
}

/**
 * Explores runs `start` to `end` (excluded), stopping after the first
 * failing one; gives `undefined` when `stopped()` said so before the end
 * (asked between runs, after letting the event loop turn, so a message that
 * stops it is seen).
 */
export type ChunkExplorer = (start: number, end: number, stopped: () => boolean) => Promise<ChunkFolded | undefined>

/** Lets the event loop handle what is waiting (a message from another thread) before the next run. */
const eventLoopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** A chunk explorer; see {@link ChunkExplorer}. */
export const chunkExplorerOf = (options: ChunkExplorerOptions): ChunkExplorer => async (start, end, stopped) => {
  const { runner, config, checks, conformance, source, fold } = options
  const tallies = talliesFold.init()
  const folded: unknown = fold?.init()
  const commandsPerRun: Array<number> = []
  let timedOut = false
  let answerMsSlowest = 0
  const summary = (until: number, failing: ChunkFolded["failing"]): ChunkFolded => ({
    start,
    end: until,
    tallies,
    folded,
    commandsPerRun,
    failing,
    timedOut,
    answerMsSlowest
  })
  for (let index = start; index < end; index++) {
    if (index > start) await eventLoopTurn()
    if (stopped()) return undefined
    const choices = source.at(index)
    const run = await runner.run(choices, undefined)
    const verdicts = evaluateRun(run, config, checks)
    talliesFold.add(tallies, run, verdicts, choices)
    fold?.add(folded, run, verdicts, choices)
    commandsPerRun.push(run.commands.length)
    if (run.timedOut === true) timedOut = true
    answerMsSlowest = Math.max(answerMsSlowest, run.answerMsSlowest ?? 0)
    if (verdictOf(verdicts, conformance) !== undefined) return summary(index + 1, { index, run, verdicts, choices })
  }
  return summary(end, undefined)
}
