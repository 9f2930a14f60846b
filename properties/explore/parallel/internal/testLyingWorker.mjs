// An exploration's worker thread that answers wrongly on purpose, for the explorer's tests: it says it is ready,
// then answers each range it is sent with something that does not fit it (an expansion one successor short, a
// judging's tallies of no guarantee) or, with QSEM_TEST_LIE=range, an answer of the right size for a range it
// was not sent, so the main thread must drop it and do its ranges itself.
import { parentPort } from "node:worker_threads"

const otherRange = process.env.QSEM_TEST_LIE === "range"
parentPort.postMessage({ _tag: "Ready" })
parentPort.on("message", (message) => {
  const start = otherRange ? message.start + 1 : message.start
  if (message._tag === "Expand") {
    parentPort.postMessage({ _tag: "Expanded", job: message.job, start, end: message.end, out: new Float64Array(otherRange ? 0 : 2) })
  } else if (message._tag === "Judge") {
    parentPort.postMessage({ _tag: "Judged", job: message.job, start, end: message.end, tallies: [] })
  }
})
