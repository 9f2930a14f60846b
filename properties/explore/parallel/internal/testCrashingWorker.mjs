// An exploration's worker thread that fails on purpose, for the explorer's tests: it says it is ready, then, on
// the first range it is sent of the kind QSEM_TEST_CRASH_ON names (Expand or Judge; unset: either), throws
// (QSEM_TEST_CRASH=throw: the thread's "error" event) or says it crashed (otherwise: the protocol's Crashed
// message), so the main thread must do that worker's ranges itself. A range of the other kind it never answers.
import { parentPort } from "node:worker_threads"

const crashOn = process.env.QSEM_TEST_CRASH_ON
parentPort.postMessage({ _tag: "Ready" })
parentPort.on("message", (message) => {
  if (message._tag !== "Judge" && message._tag !== "Expand") return
  if (crashOn !== undefined && message._tag !== crashOn) return
  if (process.env.QSEM_TEST_CRASH === "throw") throw new Error("the test worker threw on purpose")
  parentPort.postMessage({ _tag: "Crashed", reason: "the test worker gave up on purpose" })
})
