/**
 * Breadth-first exploration of the model, with the application's view
 * alongside: from `init(config)`, every command the generator can decode in
 * the view (see `enumerate.ts`), each state kept once by its fingerprint,
 * each kept with a pointer to the state it was first reached from.
 *
 * @module
 */
import type { ModelState } from "../../model/index.ts"
import { init, step as modelStep } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Driver } from "../driver/driver.ts"
import { driverInit } from "../driver/index.ts"
import { fingerprintOf } from "./fingerprint.ts"
import { StructuralHasher } from "./structuralHasher.ts"
import { FingerprintSet } from "./internal/fingerprintSet.ts"
import { StateTree, type StepFunction } from "./stateTree.ts"
import { ViewTable } from "./views.ts"

/** What to explore: the config and the bounds. */
export interface BfsOptions {
  readonly config: Config
  /** The longest path explored, in commands (the drain not counted). */
  readonly depthMax: number
  /** The most distinct states kept (the initial state included); the search stops once it has them. */
  readonly statesMax: number
  /** Defaults to the model's `step`. */
  readonly step?: StepFunction | undefined
}

/** What one exploration found. */
export interface Exploration {
  readonly tree: StateTree
  /** Distinct states (the size of the tree). */
  readonly states: number
  /** Commands stepped from explored states (those reaching a state seen before included). */
  readonly transitions: number
  /** The depth of the deepest state. */
  readonly depthReached: number
  /** The search stopped at `statesMax`: some states within `depthMax` may be missing. */
  readonly truncated: boolean
  /** No state within `depthMax` had a successor not seen before: every reachable state was explored. */
  readonly exhausted: boolean
}

/** Called once per distinct state, in breadth-first order, with the tree so far, the state's index in it, the model state and the view. */
export type VisitState = (tree: StateTree, index: number, state: ModelState, driver: Driver) => void

/**
 * Explores breadth-first up to `depthMax` commands or `statesMax` states,
 * calling `visit` for each new state as it is found (so a caller can judge
 * it while its model state is at hand). Deterministic: the same options give
 * the same tree.
 *
 * Each state of the frontier is expanded by its view's moves (computed once
 * per view, see `views.ts`); a successor's view comes from the view's memo
 * of answers, and its model state is hashed against the state it was
 * stepped from (see `StructuralHasher`). No successor's model state is kept:
 * when its turn to be expanded comes, it is stepped again from its parent
 * (the model is deterministic), so only the states of the depth expanded
 * last are kept (a tenth of the next depth's on the small configs), and one
 * step more per expanded state is the price.
 *
 * @example
 * ```ts
 * const found = exploreStates({ config, depthMax: 3, statesMax: 100_000 })
 * found.states // the distinct states within 3 commands
 * ```
 */
export const exploreStates = (options: BfsOptions, visit?: VisitState): Exploration => {
  const { config, depthMax, statesMax } = options
  const step = options.step ?? modelStep
  const hasher = new StructuralHasher()
  const views = new ViewTable(config)
  const state0 = init(config)
  const view0 = views.intern(driverInit(config))
  const tree = new StateTree(config, step, state0, views, view0)
  const seen = new FingerprintSet()
  seen.add(fingerprintOf(hasher.hashModel(state0), views.hashes[view0]))
  visit?.(tree, 0, state0, views.driverOf(view0))
  // The states of the depth before the frontier, as stepped again when they were expanded: each frontier state is stepped again from its parent when its turn comes.
  let parents: Array<ModelState> = []
  let parentsStart = 0
  let frontierStart = 0
  let frontierSize = 1
  let transitions = 0
  let depth = 0
  let truncated = statesMax <= 1 && depthMax > 0
  while (!truncated && depth < depthMax && frontierSize > 0) {
    const keep = depth + 1 < depthMax
    const expanded: Array<ModelState> = []
    const nextStart = tree.size
    tree.deepen()
    for (let f = 0; f < frontierSize; f++) {
      const fromIndex = frontierStart + f
      const from = fromIndex === 0 ? state0 : step(parents[tree.parentOf(fromIndex) - parentsStart], tree.commandOf(fromIndex) as Command).state
      if (keep) expanded.push(from)
      const fromView = tree.viewNumberOf(fromIndex)
      hasher.rememberModel(from)
      const moves = views.movesOf(fromView)
      for (let move = 0; move < moves.length; move++) {
        transitions += 1
        const transition = step(from, moves[move].command)
        const view = views.successorOf(fromView, move, transition.response, hasher)
        const fingerprint = fingerprintOf(hasher.hashModel(transition.state), views.hashes[view])
        if (!seen.add(fingerprint)) continue
        const index = tree.add(fromIndex, move, view)
        visit?.(tree, index, transition.state, views.driverOf(view))
        if (seen.size >= statesMax) {
          truncated = true
          break
        }
      }
      if (truncated) break
    }
    hasher.forget()
    parents = expanded
    parentsStart = frontierStart
    frontierStart = nextStart
    frontierSize = tree.size - nextStart
    depth += 1
  }
  const states = tree.size
  return {
    tree,
    states,
    transitions,
    depthReached: tree.depthOf(states - 1),
    truncated,
    exhausted: !truncated && frontierSize === 0
  }
}
