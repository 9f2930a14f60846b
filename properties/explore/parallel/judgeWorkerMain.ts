/**
 * The worker-thread side of judging an exploration's paths on several
 * threads: rebuilds the main thread's tree from its copy (`treeCopy.ts`),
 * then judges the ranges of states it is sent, each into
 * fresh tallies, and sends them back. Its entry file (the CLI's
 * cli/internal/exploreWorker.mjs, or a test's) calls {@link serveJudgeWorker}.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads"
import { step as modelStep } from "../../../model/index.ts"
import { pathJudge } from "../judgePaths.ts"
import { lineOf } from "./internal/lineOf.ts"
import { treeFromCopy } from "./treeCopy.ts"
import type { FromJudgeWorker, JudgeWorkerData, ToJudgeWorker } from "./protocol.ts"

/** Serves the main thread until it says stop (or something throws: then it says so and ends). */
export const serveJudgeWorker = (): void => {
  const port = parentPort
  if (port === null) throw new Error("serveJudgeWorker runs in a worker thread only")
  const data = workerData as JudgeWorkerData
  const post = (message: FromJudgeWorker) => port.postMessage(message)
  const crash = (error: unknown) => {
    post({ _tag: "Crashed", reason: lineOf(error) })
    port.close()
  }
  try {
    const tree = treeFromCopy(data.config, data.tree)
    port.on("message", (message: ToJudgeWorker) => {
      if (message._tag === "Stop") {
        port.close()
        return
      }
      try {
        const judge = pathJudge(data.config, data.guarantees, modelStep)
        judge.visitRange(tree, message.start, message.end)
        post({ _tag: "Judged", start: message.start, end: message.end, tallies: judge.tallies })
      } catch (error) {
        crash(error)
      }
    })
    post({ _tag: "Ready" })
  } catch (error) {
    crash(error)
  }
}
