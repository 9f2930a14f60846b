/**
 * One thread's share of a breadth-first level searched on several threads
 * (`parallel/searchOnWorkers.ts`): a range of the frontier expanded into the
 * fingerprint and the view hash of every successor, in order, for the
 * thread that numbers states and views to merge (`mergeExpansion.ts`).
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import { fingerprintOf } from "./fingerprint.ts"
import type { PathReplayer } from "./pathReplayer.ts"
import type { StateTree } from "./stateTree.ts"
import type { StructuralHasher } from "./structuralHasher.ts"

/** How many successors the states `start` to `end` (excluded) of `tree` have: the moves of their views. */
export const successorCountOf = (tree: StateTree, start: number, end: number): number => {
  let count = 0
  for (let index = start; index < end; index++) count += tree.views.movesOf(tree.viewNumberOf(index)).length
  return count
}

/**
 * Expands the states `start` to `end` (excluded) of `tree`: for each, in
 * order, each move of its view, in order, stepped from its model state
 * (from `replayer`). Returns two numbers per successor: its fingerprint
 * and the hash of its view (`ViewTable.successorHashOf`: no view is
 * numbered). The same as the single-threaded search computes
 * (`bfs.ts`), so any thread gives the same numbers.
 */
export const expandRange = (tree: StateTree, replayer: PathReplayer, hasher: StructuralHasher, start: number, end: number): Float64Array => {
  const { views, step } = tree
  const out = new Float64Array(2 * successorCountOf(tree, start, end))
  let at = 0
  for (let index = start; index < end; index++) {
    const from = replayer.stateOf(index)
    const fromView = tree.viewNumberOf(index)
    hasher.rememberModel(from)
    const moves = views.movesOf(fromView)
    for (let move = 0; move < moves.length; move++) {
      const transition = step(from, moves[move].command as Command)
      const viewHash = views.successorHashOf(fromView, move, transition.response, hasher)
      out[at] = fingerprintOf(hasher.hashModel(transition.state), viewHash)
      out[at + 1] = viewHash
      at += 2
    }
  }
  return out
}
