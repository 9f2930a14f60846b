/**
 * Breadth-first exploration of the model, with the application's view
 * alongside: from `init(config)`, every command the generator can decode in
 * the view (see `enumerate.ts`), each state kept once by its fingerprint,
 * each kept with a pointer to the state it was first reached from.
 *
 * @module
 */
import type { ModelState, Transition } from "../../model/index.ts"
import { init, step as modelStep } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import type { Choice } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import { driverInit, driverObserve } from "../driver/index.ts"
import { movesOf } from "./enumerate.ts"
import { fingerprintOf } from "./fingerprint.ts"

/** How a state steps: the model's `step` (a test passes a mutated one). */
export type StepFunction = (state: ModelState, command: Command) => Transition

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

/**
 * The explored states, as a tree of first arrivals: state `i` (0 is the
 * initial state) was first reached from `parent[i]` by `command[i]`
 * (decoded from `choice[i]`), answered `response[i]`, at `depth[i]`
 * commands from the start. Index order is breadth-first order.
 */
export interface StateTree {
  readonly parent: Array<number>
  readonly choice: Array<Choice | undefined>
  readonly command: Array<Command | undefined>
  readonly response: Array<Response | undefined>
  readonly depth: Array<number>
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

interface Frontier {
  readonly index: number
  readonly state: ModelState
  readonly driver: Driver
}

/**
 * Explores breadth-first up to `depthMax` commands or `statesMax` states,
 * calling `visit` for each new state as it is found (so a caller can judge
 * it while its model state is at hand). Deterministic: the same options give
 * the same tree.
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
  const tree: StateTree = { parent: [-1], choice: [undefined], command: [undefined], response: [undefined], depth: [0] }
  const state0 = init(config)
  const driver0 = driverInit(config)
  const seen = new Set<number>([fingerprintOf(state0, driver0)])
  visit?.(tree, 0, state0, driver0)
  let frontier: Array<Frontier> = [{ index: 0, state: state0, driver: driver0 }]
  let transitions = 0
  let depth = 0
  let truncated = statesMax <= 1 && depthMax > 0
  while (!truncated && depth < depthMax && frontier.length > 0) {
    const next: Array<Frontier> = []
    for (const from of frontier) {
      for (const move of movesOf(from.driver, config)) {
        transitions += 1
        const transition = step(from.state, move.command)
        const driver = driverObserve(from.driver, move.command, transition.response)
        const fingerprint = fingerprintOf(transition.state, driver)
        if (seen.has(fingerprint)) continue
        seen.add(fingerprint)
        const index = tree.parent.length
        tree.parent.push(from.index)
        tree.choice.push(move.choice)
        tree.command.push(move.command)
        tree.response.push(transition.response)
        tree.depth.push(depth + 1)
        visit?.(tree, index, transition.state, driver)
        next.push({ index, state: transition.state, driver })
        if (seen.size >= statesMax) {
          truncated = true
          break
        }
      }
      if (truncated) break
    }
    frontier = next
    depth += 1
  }
  const states = tree.parent.length
  return {
    tree,
    states,
    transitions,
    depthReached: tree.depth[states - 1],
    truncated,
    exhausted: !truncated && frontier.length === 0
  }
}

/** The path to state `index`: its choices, commands and answers from the initial state, in order. */
export const pathOf = (
  tree: StateTree,
  index: number
): { readonly choices: Array<Choice>; readonly commands: Array<Command>; readonly responses: Array<Response> } => {
  const choices: Array<Choice> = []
  const commands: Array<Command> = []
  const responses: Array<Response> = []
  for (let at = index; at > 0; at = tree.parent[at]) {
    choices.push(tree.choice[at] as Choice)
    commands.push(tree.command[at] as Command)
    responses.push(tree.response[at] as Response)
  }
  return { choices: choices.reverse(), commands: commands.reverse(), responses: responses.reverse() }
}
