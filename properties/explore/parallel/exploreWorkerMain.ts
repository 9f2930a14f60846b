/**
 * The worker-thread side of an exploration on several threads: a copy of
 * the main thread's tree, grown by the states and views it is told of after
 * each depth (`treeLevel.ts`), on which it expands the ranges of a
 * frontier it is sent (`expandRange.ts`) and judges the ranges of paths it
 * is sent (`judgePaths.ts`). Its entry file (the CLI's
 * cli/internal/exploreWorker.mjs, or a test's) calls
 * {@link serveExploreWorker}.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads"
import { init, step as modelStep } from "../../../model/index.ts"
import { driverInit } from "../../driver/index.ts"
import { expandRange } from "../expandRange.ts"
import { pathJudge } from "../judgePaths.ts"
import { PathReplayer } from "../pathReplayer.ts"
import { StateTree } from "../stateTree.ts"
import { StructuralHasher } from "../structuralHasher.ts"
import { ViewTable } from "../views.ts"
import { lineOf } from "./internal/lineOf.ts"
import type { ExploreWorkerData, FromExploreWorker, ToExploreWorker } from "./protocol.ts"
import { addLevel } from "./treeLevel.ts"

/** Serves the main thread until it says stop (or something throws: then it says so and ends). */
export const serveExploreWorker = (): void => {
  const port = parentPort
  if (port === null) throw new Error("serveExploreWorker runs in a worker thread only")
  const { config } = workerData as ExploreWorkerData
  const post = (message: FromExploreWorker, transfer?: Array<ArrayBuffer>) => port.postMessage(message, transfer)
  const crash = (error: unknown) => {
    post({ _tag: "Crashed", reason: lineOf(error) })
    port.close()
  }
  try {
    const views = new ViewTable(config)
    const tree = new StateTree(config, modelStep, init(config), views, views.intern(driverInit(config)))
    const replayer = new PathReplayer(tree)
    const hasher = new StructuralHasher()
    port.on("message", (message: ToExploreWorker) => {
      try {
        switch (message._tag) {
          case "Stop":
            port.close()
            return
          case "Level":
            addLevel(tree, replayer, message)
            return
          case "Expand": {
            const out = expandRange(tree, replayer, hasher, message.start, message.end)
            post({ _tag: "Expanded", job: message.job, start: message.start, end: message.end, out }, [out.buffer as ArrayBuffer])
            return
          }
          case "Judge": {
            const judge = pathJudge(config, message.guarantees, modelStep)
            judge.visitRange(tree, message.start, message.end)
            post({ _tag: "Judged", job: message.job, start: message.start, end: message.end, tallies: judge.tallies })
            return
          }
        }
      } catch (error) {
        crash(error)
      }
    })
    post({ _tag: "Ready" })
  } catch (error) {
    crash(error)
  }
}
