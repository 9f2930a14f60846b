/**
 * The model state of an explored state, stepped again along its path from
 * the initial state (the model is deterministic), with the states of the
 * last path kept by depth: states asked in breadth-first order mostly share
 * all of their path but the last command with the state asked before, so
 * most cost one step.
 *
 * @module
 */
import type { ModelState } from "../../model/index.ts"
import type { Command } from "../../spec/command.ts"
import type { StateTree } from "./stateTree.ts"

/** Steps explored states again from the start of their paths, sharing the prefix of the path asked last. */
export class PathReplayer {
  /** Per depth, the index of the state on the path asked last (-1: none), and its model state. */
  private readonly indexes: Array<number> = [0]
  private readonly states: Array<ModelState>

  constructor(private readonly tree: StateTree) {
    this.states = [tree.initial]
  }

  /**
   * The model state of state `index` of the tree. Reentrant: a command read
   * on the way may observe a view (`ViewTable.driverOf`), which may step
   * another path; each depth's entry stays a state and its index.
   */
  stateOf(index: number): ModelState {
    const { tree, indexes, states } = this
    const climb: Array<number> = []
    let at = index
    let depth = tree.depthOf(index)
    while (indexes[depth] !== at) {
      climb.push(at)
      at = tree.parentOf(at)
      depth -= 1
    }
    let state = states[depth]
    for (let i = climb.length - 1; i >= 0; i--) {
      const next = climb[i]
      const command = tree.commandOf(next) as Command
      state = tree.step(state, command).state
      depth += 1
      indexes[depth] = next
      states[depth] = state
    }
    return state
  }
}
