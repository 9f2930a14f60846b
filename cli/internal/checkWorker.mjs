// The entry of a `qsem check --workers N` worker thread: plain JavaScript, like
// the bin, so it can choose before loading any TypeScript. It runs the compiled
// bundle's worker when the bundle is fresh (see cli/internal/bundleFresh.mjs),
// and otherwise the sources through tsx (registered here: a worker thread does
// not inherit the loader hooks the main thread registered).
import { pathToFileURL } from "node:url"
import { bundleFile, bundleStaleReason } from "./bundleFresh.mjs"

const loadSources = async () => {
  const [{ register }, { register: registerCommonJs }] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")])
  register()
  registerCommonJs()
  return import("./checkWorkerMain.ts")
}

const worker = bundleStaleReason() === undefined ? await import(pathToFileURL(bundleFile()).href) : await loadSources()
await worker.runCheckWorker()
