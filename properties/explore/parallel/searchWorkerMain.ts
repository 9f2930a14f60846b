/**
 * The worker-thread side of a search on several threads: a copy of the
 * main thread's tree, grown by the states and views it is told of after
 * each level, and the ranges of the frontier it is sent expanded on it
 * (`expandRange.ts`). Its entry file (the CLI's
 * cli/internal/exploreWorker.mjs, or a test's) calls
 * {@link serveSearchWorker}.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads"
import { init, step as modelStep } from "../../../model/index.ts"
import { driverInit } from "../../driver/index.ts"
import { expandRange } from "../expandRange.ts"
import { PathReplayer } from "../pathReplayer.ts"
import { StateTree } from "../stateTree.ts"
import { StructuralHasher } from "../structuralHasher.ts"
import { ViewTable } from "../views.ts"
import { lineOf } from "./internal/lineOf.ts"
import type { FromSearchWorker, SearchWorkerData, ToSearchWorker } from "./searchProtocol.ts"
import { addLevel } from "./treeCopy.ts"

/** Serves the main thread until it says stop (or something throws: then it says so and ends). */
export const serveSearchWorker = (): void => {
  const port = parentPort
  if (port === null) throw new Error("serveSearchWorker runs in a worker thread only")
  const data = workerData as SearchWorkerData
  const post = (message: FromSearchWorker, transfer?: ReadonlyArray<ArrayBuffer>) => port.postMessage(message, transfer as Array<ArrayBuffer>)
  try {
    const views = new ViewTable(data.config)
    const tree = new StateTree(data.config, modelStep, init(data.config), views, views.intern(driverInit(data.config)))
    const replayer = new PathReplayer(tree)
    const hasher = new StructuralHasher()
    port.on("message", (message: ToSearchWorker) => {
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
            post({ _tag: "Expanded", depth: message.depth, start: message.start, end: message.end, out }, [out.buffer as ArrayBuffer])
            return
          }
        }
      } catch (error) {
        post({ _tag: "Crashed", reason: lineOf(error) })
        port.close()
      }
    })
    post({ _tag: "Ready" })
  } catch (error) {
    post({ _tag: "Crashed", reason: lineOf(error) })
    port.close()
  }
}
