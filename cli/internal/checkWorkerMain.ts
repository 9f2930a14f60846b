/**
 * A `qsem check --workers N` worker thread, with the CLI's target resolver
 * and the CLI's fold (properties/ cannot import them: they belong to the CLI).
 *
 * @module
 */
import type { Target } from "../../impl/target.ts"
import { builtinTarget, mutants } from "../../impl/index.ts"
import { serveCheckWorker } from "../../properties/check/parallel/workerMain.ts"
import { checkFactsFold, type CheckFactsData } from "./checkFactsFold.ts"

/**
 * The target a `--target` value names, as `resolveTarget` (cli/targets.ts)
 * gives it. The built-in broker and its mutants come straight from impl/:
 * the CLI's resolver also loads every real broker's client package, a good
 * part of a worker's start-up, so it is loaded only for the other targets.
 */
const resolveTargetHere = async (spec: string): Promise<Target> =>
  spec === builtinTarget.name
    ? builtinTarget
    : mutants.find((mutant) => mutant.name === spec) ?? (await import("../targets.ts")).resolveTarget(spec)

/** Serves the main thread's chunks of exploring runs until it says stop. */
export const runCheckWorker = (): Promise<void> =>
  serveCheckWorker({ resolveTarget: resolveTargetHere, foldOf: (config, data) => checkFactsFold(config, data as CheckFactsData) })
