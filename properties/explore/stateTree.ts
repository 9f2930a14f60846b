/**
 * The explored states as a tree of first arrivals, kept compactly: per
 * state its parent, the number of the move that reached it (among its
 * parent's view's moves) and the number of its own view, in typed arrays.
 * Commands and choices are read from the views' moves; answers are
 * recomputed by stepping a path again (the model is deterministic).
 *
 * @module
 */
import type { ModelState } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Response } from "../../spec/response.ts"
import type { Choice } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import type { Transition } from "../../model/index.ts"
import type { ViewTable } from "./views.ts"

/** How a state steps: the model's `step` (a test passes a mutated one). */
export type StepFunction = (state: ModelState, command: Command) => Transition

const grown = (array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
  const bigger = new Int32Array(2 * array.length)
  bigger.set(array)
  return bigger
}

/**
 * The explored states: state `i` (0 is the initial state) was first reached
 * from {@link StateTree.parentOf} `i` by {@link StateTree.commandOf} `i`
 * (decoded from {@link StateTree.choiceOf} `i`) at {@link StateTree.depthOf}
 * `i` commands from the start. Index order is breadth-first order.
 */
export class StateTree {
  private parents = new Int32Array(1024).fill(-1, 0, 1)
  private moveNumbers = new Int32Array(1024)
  private viewNumbers = new Int32Array(1024)
  /** The first index of each depth explored so far. */
  private readonly depthStarts: Array<number> = [0]
  /** The number of states. */
  size = 1

  constructor(
    readonly config: Config,
    readonly step: StepFunction,
    /** The initial model state (persistent: stepping it again gives the same answers). */
    readonly initial: ModelState,
    /** The views met, with their moves. */
    readonly views: ViewTable,
    initialView: number
  ) {
    this.viewNumbers[0] = initialView
  }

  /** Starts the next depth: the states added from now on are one command deeper. */
  deepen(): void {
    this.depthStarts.push(this.size)
  }

  /** Adds a state reached from `parent` by its view's move number `move`, whose own view is number `view`; returns its index. */
  add(parent: number, move: number, view: number): number {
    const index = this.size
    if (index === this.parents.length) {
      this.parents = grown(this.parents)
      this.moveNumbers = grown(this.moveNumbers)
      this.viewNumbers = grown(this.viewNumbers)
    }
    this.parents[index] = parent
    this.moveNumbers[index] = move
    this.viewNumbers[index] = view
    this.size = index + 1
    return index
  }

  /** The parent, move and view numbers of states `start` to `end` (excluded), copied: what a copy of the tree on another thread needs to add them. */
  numbersOf(start: number, end: number): { readonly parents: Int32Array; readonly moves: Int32Array; readonly views: Int32Array } {
    return { parents: this.parents.slice(start, end), moves: this.moveNumbers.slice(start, end), views: this.viewNumbers.slice(start, end) }
  }

  /** The state state `index` was first reached from (-1 for the initial state). */
  parentOf(index: number): number {
    return this.parents[index]
  }

  /** The first index of each depth explored so far (depth 0 first; a depth begun without states yet starts at the size). */
  depthStartsOf(): ReadonlyArray<number> {
    return this.depthStarts
  }

  /** How many commands from the start state `index` is. */
  depthOf(index: number): number {
    let depth = this.depthStarts.length - 1
    while (this.depthStarts[depth] > index) depth -= 1
    return depth
  }

  /** The number of state `index`'s view in {@link StateTree.views}. */
  viewNumberOf(index: number): number {
    return this.viewNumbers[index]
  }

  /** The view of state `index`. */
  viewOf(index: number): Driver {
    return this.views.driverOf(this.viewNumbers[index])
  }

  /** The choice that reached state `index` (`undefined` for the initial state). */
  choiceOf(index: number): Choice | undefined {
    return index === 0 ? undefined : this.moveOf(index).choice
  }

  /** The command that reached state `index` (`undefined` for the initial state). */
  commandOf(index: number): Command | undefined {
    return index === 0 ? undefined : this.moveOf(index).command
  }

  private moveOf(index: number) {
    return this.views.movesOf(this.viewNumbers[this.parents[index]])[this.moveNumbers[index]]
  }
}

/**
 * The path to state `index`: its choices, commands and answers from the
 * initial state, in order, and the model state it ends in (the answers and
 * the state stepped again).
 */
export const pathOf = (
  tree: StateTree,
  index: number
): { readonly choices: Array<Choice>; readonly commands: Array<Command>; readonly responses: Array<Response>; readonly state: ModelState } => {
  const choices: Array<Choice> = []
  const commands: Array<Command> = []
  for (let at = index; at > 0; at = tree.parentOf(at)) {
    choices.push(tree.choiceOf(at) as Choice)
    commands.push(tree.commandOf(at) as Command)
  }
  choices.reverse()
  commands.reverse()
  const responses: Array<Response> = []
  let state = tree.initial
  for (const command of commands) {
    const transition = tree.step(state, command)
    responses.push(transition.response)
    state = transition.state
  }
  return { choices, commands, responses, state }
}
