/**
 * The numbering side of a breadth-first search on several threads
 * (`parallel/searchOnWorkers.ts`): the expansions of a level's ranges
 * (`expandRange.ts`), taken in frontier order, become new states and new
 * views exactly as the single-threaded search (`bfs.ts`) numbers them, so
 * the tree is the same for any number of threads.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import { driverObserve } from "../driver/index.ts"
import { successorCountOf } from "./expandRange.ts"
import { fingerprintOf } from "./fingerprint.ts"
import { FingerprintSet } from "./internal/fingerprintSet.ts"
import type { PathReplayer } from "./pathReplayer.ts"
import type { StateTree } from "./stateTree.ts"
import type { StructuralHasher } from "./structuralHasher.ts"

/**
 * The states seen and the transitions counted so far, merging expansions
 * into `tree`: a state new by its fingerprint is added to the tree with
 * the number of its view, a view new by its hash is numbered (observed
 * again on this thread when another thread met it first), in the order of
 * the successors, as `bfs.ts` does; the search stops at `statesMax`
 * states.
 */
export class ExpansionMerge {
  readonly seen = new FingerprintSet()
  /** Successors merged (those reaching a state seen before included). */
  transitions = 0
  /** The search reached `statesMax` states. */
  truncated: boolean
  /** The views numbered since {@link ExpansionMerge.takeViewsNumbered}: per view its number, the state and move it was met from, its hash. */
  private viewsNumbered: Array<number> = []

  constructor(
    readonly tree: StateTree,
    private readonly replayer: PathReplayer,
    hasher: StructuralHasher,
    private readonly statesMax: number,
    depthMax: number
  ) {
    this.seen.add(fingerprintOf(hasher.hashModel(tree.initial), tree.views.hashes[tree.viewNumberOf(0)]))
    this.truncated = statesMax <= 1 && depthMax > 0
  }

  /**
   * Merges the expansion `out` of the states `start` to `end` (excluded),
   * the next range of the frontier in order; stops at `statesMax` states
   * (then {@link ExpansionMerge.truncated} is set and the rest is dropped).
   */
  merge(start: number, end: number, out: Float64Array): void {
    const { tree, seen } = this
    const views = tree.views
    if (out.length !== 2 * successorCountOf(tree, start, end)) {
      throw new Error(`the expansion of states ${start} to ${end} has ${out.length / 2} successors, not ${successorCountOf(tree, start, end)}`)
    }
    let at = 0
    for (let from = start; from < end && !this.truncated; from++) {
      const moves = views.movesOf(tree.viewNumberOf(from)).length
      for (let move = 0; move < moves; move++) {
        const fingerprint = out[at]
        const viewHash = out[at + 1]
        at += 2
        this.transitions += 1
        let view = views.numberOfHash(viewHash)
        if (view < 0) {
          view = views.internHashed(viewHash, () => this.observe(from, move))
          this.viewsNumbered.push(view, from, move, viewHash)
        }
        if (!seen.add(fingerprint)) continue
        tree.add(from, move, view)
        if (seen.size >= this.statesMax) {
          this.truncated = true
          break
        }
      }
    }
  }

  /** The views numbered since the last call, four numbers each (see `ViewsNumbered` in `parallel/protocol.ts`), and forgets them. */
  takeViewsNumbered(): Float64Array {
    const taken = Float64Array.from(this.viewsNumbered)
    this.viewsNumbered = []
    return taken
  }

  /** The view state `from`'s move `move` leads to, observed again. */
  private observe(from: number, move: number) {
    return observeMove(this.tree, this.replayer, from, move)
  }
}

/** The view state `from` of `tree` has after its view's move `move`, stepped again (`replayer`) and observed. */
export const observeMove = (tree: StateTree, replayer: PathReplayer, from: number, move: number) => {
  const command = tree.views.movesOf(tree.viewNumberOf(from))[move].command as Command
  const transition = tree.step(replayer.stateOf(from), command)
  return driverObserve(tree.viewOf(from), command, transition.response)
}

/**
 * Numbers, in `tree`'s views, the views another thread numbered
 * ({@link ExpansionMerge.takeViewsNumbered}), each observed only when first
 * needed (`ViewTable.reserve`): a thread's copy of the tree then numbers
 * its views as that thread does. Throws when a view would get another
 * number (the copies diverged: a bug).
 */
export const numberViews = (tree: StateTree, replayer: PathReplayer, numbered: Float64Array): void => {
  for (let at = 0; at < numbered.length; at += 4) {
    const from = numbered[at + 1]
    const move = numbered[at + 2]
    tree.views.reserve(numbered[at], numbered[at + 3], () => observeMove(tree, replayer, from, move))
  }
}
