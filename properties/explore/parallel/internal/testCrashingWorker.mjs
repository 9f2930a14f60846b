// An exploration's worker thread that fails on purpose, for the explorer's tests: it says it is ready, then, on
// the first range it is sent (a search's range to expand or a range of paths to judge), throws
// (QSEM_TEST_CRASH=throw: the thread's "error" event) or says it crashed (otherwise: the protocol's Crashed
// message), so the main thread must do that worker's ranges itself.
import { parentPort } from "node:worker_threads"

parentPort.postMessage({ _tag: "Ready" })
parentPort.on("message", (message) => {
  if (message._tag !== "Chunk" && message._tag !== "Expand") return
  if (process.env.QSEM_TEST_CRASH === "throw") throw new Error("the test worker threw on purpose")
  parentPort.postMessage({ _tag: "Crashed", reason: "the test worker gave up on purpose" })
})
