/**
 * The worker-thread side of `qsem check --workers N`: resolves the target by
 * its `--target` value, then runs the chunks of exploring runs the main
 * thread hands it, each run's choices computed from the seed and the run's
 * index (`runChoicesSource`), and sends back every run judged. The entry
 * file (cli/internal/checkWorker.mjs) calls {@link serveCheckWorker} with the
 * CLI's target resolver.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads"
import type { Target } from "../../../impl/target.ts"
import { guaranteeCheckById } from "../../guarantees/index.ts"
import { choicesOfCheck } from "../choicesOfCheck.ts"
import { evaluateRun, verdictOf } from "../evaluate.ts"
import { runnerOf } from "../internal/runner.ts"
import { runChoicesSource } from "../runChoicesSource.ts"
import type { ChunkMessage, CheckWorkerData, FromWorker, ToWorker } from "./protocol.ts"

/** What a thrown value says, as one line. */
const lineOf = (error: unknown): string => {
  try {
    return String(error instanceof Error ? error.message : error).split("\n")[0] ?? ""
  } catch {
    return "a value that cannot be printed"
  }
}

/** Serves the main thread until it says stop; `resolveTarget` turns the `--target` value into a Target (throwing when it cannot). */
export const serveCheckWorker = async (resolveTarget: (spec: string) => Promise<Target>): Promise<void> => {
  const port = parentPort
  if (port === null) throw new Error("serveCheckWorker runs in a worker thread only")
  const data = workerData as CheckWorkerData
  const post = (message: FromWorker) => port.postMessage(message)
  let target: Target
  try {
    target = await resolveTarget(data.targetSpec)
  } catch (error) {
    post({ _tag: "Unavailable", reason: lineOf(error) })
    port.close()
    return
  }
  const { config, conformance } = data
  const runner = runnerOf(target, config, data.answerTimeoutMs)
  const checks = data.guarantees.map(guaranteeCheckById)
  const source = runChoicesSource(choicesOfCheck(config, data.commandsMax, data.soak), data.seed)
  const chunks: Array<ChunkMessage> = []
  let stopped = false
  let busy = false

  const runChunk = async ({ start, end }: ChunkMessage) => {
    for (let index = start; index < end && !stopped; index++) {
      const choices = source.at(index)
      const run = await runner.run(choices, undefined)
      const verdicts = evaluateRun(run, config, checks)
      const failing = verdictOf(verdicts, conformance) !== undefined
      post({ _tag: "Judged", index, run, verdicts, choices, failing })
      if (failing) return
    }
  }

  const end = () => {
    post({ _tag: "Stopped" })
    port.close()
  }

  const pump = async () => {
    if (busy) return
    busy = true
    try {
      while (!stopped && chunks.length > 0) {
        await runChunk(chunks.shift() as ChunkMessage)
        if (!stopped) post({ _tag: "ChunkDone" })
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
