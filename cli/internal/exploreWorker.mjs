// The entry of a `qsem explore --workers N` worker thread (it judges explored paths): plain JavaScript, like
// the bin, so it can choose before loading any TypeScript. It runs the compiled bundle's worker when the
// bundle is fresh (see cli/internal/bundleFresh.mjs), and otherwise the sources through tsx (registered
// here: a worker thread does not inherit the loader hooks the main thread registered).
import { pathToFileURL } from "node:url"
import { bundleFile, bundleStaleReason } from "./bundleFresh.mjs"

const loadSources = async () => {
  const { register } = await import("tsx/esm/api")
  register()
  return import("./exploreWorkerMain.ts")
}

const worker = bundleStaleReason() === undefined ? await import(pathToFileURL(bundleFile()).href) : await loadSources()
await worker.runExploreWorker()
