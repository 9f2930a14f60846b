/**
 * The worker-thread side of `qsem check --workers N`: resolves the target by
 * its `--target` value, then explores the chunks of runs the main thread
 * hands it, each run's choices computed from the seed and the run's index
 * (`runChoicesSource`), and sends back each chunk folded into a summary
 * (`exploreChunk.ts`; a failing run in full). The entry file
 * (cli/internal/checkWorker.mjs) calls {@link serveCheckWorker} with the
 * CLI's target resolver and fold.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads"
import type { Config } from "../../../spec/config.ts"
import type { Target } from "../../../impl/target.ts"
import { guaranteeCheckById } from "../../guarantees/index.ts"
import { choicesOfCheck } from "../choicesOfCheck.ts"
import { runnerOf } from "../internal/runner.ts"
import { runChoicesSource } from "../runChoicesSource.ts"
import type { RunFold } from "../runFold.ts"
import { chunkExplorerOf } from "./exploreChunk.ts"
import type { ChunkMessage, CheckWorkerData, FromWorker, ToWorker } from "./protocol.ts"

/** What a thrown value says, as one line. */
const lineOf = (error: unknown): string => {
  try {
    return String(error instanceof Error ? error.message : error).split("\n")[0] ?? ""
  } catch {
    return "a value that cannot be printed"
  }
}

/** What a worker entry gives {@link serveCheckWorker}. */
export interface CheckWorkerServices {
  /** Turns the `--target` value into a Target (throwing when it cannot). */
  readonly resolveTarget: (spec: string) => Promise<Target>
  /**
   * The fold the main thread's `CheckOptions.fold` is, from its
   * `ParallelOptions.foldData` (asked only when that is defined), or
   * `undefined` for data it does not know (the worker then cannot serve):
   * the two must fold and merge alike, or the summaries would not add up to
   * what one thread folds. The summary crosses threads as data; its type is
   * the entry's business.
   */
  readonly foldOf?: ((config: Config, foldData: unknown) => RunFold<any> | undefined) | undefined
}

/** Serves the main thread until it says stop. */
export const serveCheckWorker = async (services: CheckWorkerServices): Promise<void> => {
  const port = parentPort
  if (port === null) throw new Error("serveCheckWorker runs in a worker thread only")
  const data = workerData as CheckWorkerData
  const post = (message: FromWorker) => port.postMessage(message)
  let target: Target
  let fold: RunFold<any> | undefined
  try {
    target = await services.resolveTarget(data.targetSpec)
    fold = data.foldData === undefined ? undefined : services.foldOf?.(data.config, data.foldData)
    if (data.foldData !== undefined && fold === undefined) throw new Error("the worker entry has no fold for the check's fold data")
  } catch (error) {
    post({ _tag: "Unavailable", reason: lineOf(error) })
    port.close()
    return
  }
  const { config, conformance } = data
  const explore = chunkExplorerOf({
    runner: runnerOf(target, config, data.answerTimeoutMs),
    config,
    checks: data.guarantees.map(guaranteeCheckById),
    conformance,
    source: runChoicesSource(choicesOfCheck(config, data.commandsMax, data.soak), data.seed),
    fold
  })
  const chunks: Array<ChunkMessage> = []
  let stopped = false
  let busy = false
  // The index of the failing run this worker found: later chunks are past the first failure, not needed.
  let failedAt = Number.POSITIVE_INFINITY

  const end = () => {
    post({ _tag: "Stopped" })
    port.close()
  }

  const pump = async () => {
    if (busy) return
    busy = true
    try {
      while (!stopped && chunks.length > 0) {
        const { start, end: chunkEnd } = chunks.shift() as ChunkMessage
        if (start > failedAt) continue
        const chunk = await explore(start, chunkEnd, () => stopped)
        if (chunk === undefined) break
        if (chunk.failing !== undefined) failedAt = chunk.failing.index
        post({ _tag: "Folded", chunk })
      }
    } catch (error) {
      stopped = true
      post({ _tag: "Crashed", reason: lineOf(error) })
    }
    busy = false
    if (stopped) end()
  }

  port.on("message", (message: ToWorker) => {
    if (message._tag === "Stop") {
      stopped = true
      if (!busy) end()
      return
    }
    chunks.push(message)
    void pump()
  })
  post({ _tag: "Ready" })
}
