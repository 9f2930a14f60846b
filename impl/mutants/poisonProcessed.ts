/**
 * `mutant:poison-processed`: a consumer that swallows its deserialization
 * error and processes a default value instead (a lenient parser, a
 * `catch` that logs and goes on): a poison record is processed as if it
 * were fine, answered `Processed`, where the spec fails every attempt at it.
 * Breaks `PoisonBlocksWithoutAPolicy` (no group with a `failure` config may
 * process a poison record).
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { PoisonCheck } from "../failure/poisonCheck.ts"
import type { Target } from "../target.ts"

/** A payload check that finds nothing poison. */
export const poisonUnseenLayer = Layer.succeed(PoisonCheck, { isPoison: () => false })

/** The built-in broker with {@link poisonUnseenLayer}. */
export const poisonProcessed: Target = makeBrokerTarget("mutant:poison-processed", { poisonCheck: poisonUnseenLayer })
