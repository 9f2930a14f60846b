/**
 * How a worker's copy of the explored tree grows: one depth at a time, by
 * the states and views the main thread numbered (`mergeExpansion.ts`), so
 * the copy numbers its states and views as the main thread does without
 * exploring again.
 *
 * @module
 */
import { numberViews } from "../mergeExpansion.ts"
import type { PathReplayer } from "../pathReplayer.ts"
import type { StateTree } from "../stateTree.ts"

/**
 * One depth's states (consecutive, from `start`) by their parent, move and
 * view numbers, and the views numbered with them, four numbers each (see
 * `ExpansionMerge.takeViewsNumbered`).
 */
export interface TreeLevel {
  readonly start: number
  readonly parents: Int32Array
  readonly moves: Int32Array
  readonly views: Int32Array
  readonly viewsNumbered: Float64Array
}

/**
 * Adds the next depth's states to a copy of a tree: first its views, each
 * observed again from its state and move (`numberViews`), then its states.
 * Throws when the level does not start where the copy ends, or a view gets
 * another number than the main thread's.
 */
export const addLevel = (tree: StateTree, replayer: PathReplayer, level: TreeLevel): void => {
  if (level.start !== tree.size) throw new Error(`a depth whose states start at ${level.start}, where this copy of the tree has ${tree.size}`)
  numberViews(tree, replayer, level.viewsNumbered)
  tree.deepen()
  for (let i = 0; i < level.parents.length; i++) tree.add(level.parents[i], level.moves[i], level.views[i])
}
