/**
 * Guarantees on explored paths: each explored state's path (rebuilt from
 * the parent pointers) with the standard drain appended, judged by every
 * guarantee asked, as `qsem check` judges a run.
 *
 * The paths judged are the first (so shortest) path to each distinct state:
 * a longer path reaching a state already seen is not judged again. The
 * checkers read histories, so a violation that leaves no mark in the state
 * it leads to would be missed on such a path; the model state keeps the
 * logs, each group's sink of processed records, the committed offsets and
 * the clients, and the view keeps what the application was told, so most
 * violations the catalogue's claims are about (a duplicate or a reordering
 * in a sink, an offset committed past what was processed) leave a mark in
 * the state, which every path to it shares. Not proven for every checker.
 *
 * @module
 */
import type { ModelState } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { Response } from "../../spec/response.ts"
import type { GuaranteeViolated } from "../../spec/trace.ts"
import type { Choice } from "../choice.ts"
import { evaluateRun } from "../check/evaluate.ts"
import { drainInit, drainNext, drainObserve } from "../drain.ts"
import type { Driver } from "../driver/driver.ts"
import { driverObserve } from "../driver/index.ts"
import { guaranteeCheckById } from "../guarantees/index.ts"
import type { Run } from "../run.ts"
import { pathOf, type StateTree, type StepFunction } from "./stateTree.ts"

/** A judged path: the choices before the drain, and the whole run (the drain included). */
export interface JudgedPath {
  readonly choices: ReadonlyArray<Choice>
  readonly run: Run
}

/** What the explored paths showed of one guarantee. */
export interface PathTally {
  readonly guarantee: GuaranteeId
  /** Paths judged. */
  paths: number
  /** Paths whose drained history violates it. */
  violatedPaths: number
  /** The first violating path in breadth-first order (so a shortest one), with its violation. */
  firstViolation: { readonly path: JudgedPath; readonly violation: GuaranteeViolated } | undefined
  /** Paths whose drained history witnesses it (its `sometimes`). */
  witnessedPaths: number
  /** The length (commands before the drain) of the first witnessing path: the shortest witness. */
  witnessLength: number | undefined
  /** Paths whose history does not show some group it holds under drained (neither passes nor failures for that group). */
  notJudgedPaths: number
  /** Why, for the first such path. */
  notJudgedReason: string | undefined
}

/**
 * The run of one explored path: its commands and answers, then the
 * standard drain (`drain.ts`, over every group) stepped from the path's
 * model state and view. The model's answers are both `expected` and
 * `actual` (a run of the model alone never diverges).
 */
export const drainedRunOf = (
  config: Config,
  step: StepFunction,
  path: { readonly commands: ReadonlyArray<Command>; readonly responses: ReadonlyArray<Response> },
  state: ModelState,
  driver: Driver
): Run => {
  const commands: Array<Command> = [...path.commands]
  const answers: Array<Response> = [...path.responses]
  let drain = drainInit(config, path.commands.length)
  let view = driver
  let model = state
  for (;;) {
    const next = drainNext(drain, view, config)
    if (next === undefined) break
    const transition = step(model, next.command)
    model = transition.state
    commands.push(next.command)
    answers.push(transition.response)
    view = driverObserve(view, next.command, transition.response)
    drain = drainObserve(next.drain, config, transition.response)
  }
  return { commands, expected: answers, actual: answers, divergence: undefined, targetFailed: false, drainStart: path.commands.length }
}

/** A judge of explored paths: `visit` judges one state's path; the tallies accumulate. */
export interface PathJudge {
  readonly tallies: ReadonlyArray<PathTally>
  /** Judges the path to state `index` of `tree`, whose model state and view are given. */
  readonly visit: (tree: StateTree, index: number, state: ModelState, driver: Driver) => void
  /** Judges the paths to states `start` to `end` (excluded) of `tree`, each stepped again from the initial state. */
  readonly visitRange: (tree: StateTree, start: number, end: number) => void
}

/** Tallies of `guarantees` before any path is judged. */
export const pathTalliesEmpty = (guarantees: ReadonlyArray<GuaranteeId>): Array<PathTally> =>
  guarantees.map((guarantee) => ({
    guarantee,
    paths: 0,
    violatedPaths: 0,
    firstViolation: undefined,
    witnessedPaths: 0,
    witnessLength: undefined,
    notJudgedPaths: 0,
    notJudgedReason: undefined
  }))

/**
 * Adds the tallies of later paths (`later`, guarantee by guarantee in the
 * same order) to `into`: the counts add up, and each "first" (violation,
 * witness length, reason not judged) stays `into`'s when it has one. So
 * tallies of consecutive ranges of states, merged in breadth-first order,
 * are what one judge of every state gives.
 */
export const mergePathTallies = (into: ReadonlyArray<PathTally>, later: ReadonlyArray<PathTally>): void => {
  for (let i = 0; i < into.length; i++) {
    const tally = into[i]
    const more = later[i]
    if (more.guarantee !== tally.guarantee) throw new Error(`mergePathTallies: ${more.guarantee} where ${tally.guarantee} was expected`)
    tally.paths += more.paths
    tally.violatedPaths += more.violatedPaths
    tally.firstViolation ??= more.firstViolation
    tally.witnessedPaths += more.witnessedPaths
    tally.witnessLength ??= more.witnessLength
    tally.notJudgedPaths += more.notJudgedPaths
    tally.notJudgedReason ??= more.notJudgedReason
  }
}

/** A fresh {@link PathJudge} of `guarantees` on `config`, stepping the drain with `step`. */
export const pathJudge = (config: Config, guarantees: ReadonlyArray<GuaranteeId>, step: StepFunction): PathJudge => {
  const checks = guarantees.map(guaranteeCheckById)
  const tallies = pathTalliesEmpty(guarantees)
  const byId = new Map(tallies.map((tally) => [tally.guarantee, tally]))
  const visit = (tree: StateTree, index: number, state: ModelState, driver: Driver): void => {
    judge(pathOf(tree, index), state, driver)
  }
  const visitRange = (tree: StateTree, start: number, end: number): void => {
    for (let index = start; index < end; index++) {
      const path = pathOf(tree, index)
      judge(path, path.state, tree.viewOf(index))
    }
  }
  const judge = (path: ReturnType<typeof pathOf>, state: ModelState, driver: Driver): void => {
    const run = drainedRunOf(config, step, path, state, driver)
    const verdicts = evaluateRun(run, config, checks)
    for (const tally of tallies) tally.paths += 1
    for (const violation of verdicts.violations) {
      const tally = byId.get(violation.guarantee) as PathTally
      tally.violatedPaths += 1
      tally.firstViolation ??= { path: { choices: path.choices, run }, violation }
    }
    for (const id of verdicts.witnessed) {
      const tally = byId.get(id) as PathTally
      tally.witnessedPaths += 1
      tally.witnessLength ??= path.commands.length
    }
    for (const entry of verdicts.notJudged) {
      const tally = byId.get(entry.guarantee) as PathTally
      tally.notJudgedPaths += 1
      tally.notJudgedReason ??= entry.reason
    }
  }
  return { tallies, visit, visitRange }
}
