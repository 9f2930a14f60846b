/**
 * An explored tree as numbers, for another thread to rebuild: per state its
 * parent, move and view numbers, where each depth starts, and, per depth,
 * the views numbered with its states (`mergeExpansion.ts`), so the copy
 * numbers its views as the original does without exploring again.
 *
 * @module
 */
import { init, step as modelStep } from "../../../model/index.ts"
import type { Config } from "../../../spec/config.ts"
import { driverInit } from "../../driver/index.ts"
import { numberViews } from "../mergeExpansion.ts"
import { PathReplayer } from "../pathReplayer.ts"
import { StateTree } from "../stateTree.ts"
import { ViewTable } from "../views.ts"

/** A tree as numbers (plain data: `postMessage` copies it). */
export interface TreeCopy {
  readonly size: number
  /** The first index of each depth (see `StateTree.depthStartsOf`). */
  readonly depthStarts: ReadonlyArray<number>
  readonly parents: Int32Array
  readonly moves: Int32Array
  readonly views: Int32Array
  /** Per depth from 1, the views numbered with its states, four numbers each (see `ExpansionMerge.takeViewsNumbered`). */
  readonly viewsNumbered: ReadonlyArray<Float64Array>
}

/** One depth's states (consecutive, from `start`) by their parent, move and view numbers, and the views numbered with them. */
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
 * Throws when the level does not start where the copy ends.
 */
export const addLevel = (tree: StateTree, replayer: PathReplayer, level: TreeLevel): void => {
  if (level.start !== tree.size) throw new Error(`a depth whose states start at ${level.start}, where this copy of the tree has ${tree.size}`)
  numberViews(tree, replayer, level.viewsNumbered)
  tree.deepen()
  for (let i = 0; i < level.parents.length; i++) tree.add(level.parents[i], level.moves[i], level.views[i])
}

/** The copy of `tree`, whose views were numbered as `viewsNumbered` says (one array per depth from 1). */
export const treeCopyOf = (tree: StateTree, viewsNumbered: ReadonlyArray<Float64Array>): TreeCopy => {
  const depthStarts = [...tree.depthStartsOf()]
  if (viewsNumbered.length !== depthStarts.length - 1) throw new Error(`views numbered for ${viewsNumbered.length} depths of a tree of ${depthStarts.length - 1}`)
  return { size: tree.size, depthStarts, ...tree.numbersOf(0, tree.size), viewsNumbered }
}

/** The tree `copy` is of, rebuilt for `config` (whose model it steps); throws when the copy does not fit together. */
export const treeFromCopy = (config: Config, copy: TreeCopy): StateTree => {
  const views = new ViewTable(config)
  const tree = new StateTree(config, modelStep, init(config), views, views.intern(driverInit(config)))
  const replayer = new PathReplayer(tree)
  for (let depth = 1; depth < copy.depthStarts.length; depth++) {
    const start = copy.depthStarts[depth]
    const end = copy.depthStarts[depth + 1] ?? copy.size
    addLevel(tree, replayer, {
      start,
      parents: copy.parents.subarray(start, end),
      moves: copy.moves.subarray(start, end),
      views: copy.views.subarray(start, end),
      viewsNumbered: copy.viewsNumbered[depth - 1]
    })
  }
  if (tree.size !== copy.size) throw new Error(`the copy has ${copy.size} states, the tree rebuilt ${tree.size}`)
  return tree
}
