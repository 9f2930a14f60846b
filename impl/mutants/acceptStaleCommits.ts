/**
 * `mutant:accept-stale-commits`: the classic "zombie commit" bug (a
 * coordinator that ignores the generation id of an offset commit). A member
 * that missed a rebalance commits with its old generation and the commit is
 * stored and answered `Committed`, overwriting the progress of the
 * partition's new owner. Breaks `StaleCommitsAreFenced`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { GroupCoordinator, makeGroupCoordinator } from "../groupCoordinator.ts"
import type { Target } from "../target.ts"

/** A group coordinator whose generation fence is off: every commit passes it. */
export const coordinatorUnfencedLayer = Layer.effect(
  GroupCoordinator,
  Effect.map(makeGroupCoordinator, (coordinator) => ({ ...coordinator, fence: () => undefined }))
)

/** The built-in broker with {@link coordinatorUnfencedLayer}: stale commits are stored. */
export const acceptStaleCommits: Target = makeBrokerTarget("mutant:accept-stale-commits", {
  groupCoordinator: coordinatorUnfencedLayer
})
