/**
 * `mutant:dedup-ignores-sequence`: the classic "idempotence in name only"
 * bug (a broker that checks a retried request's producer id and epoch but
 * never compares its sequence with the last one it appended, so it takes
 * every request for a new one). An idempotent producer's retry after a lost
 * acknowledgement is appended a second time, with the same producer id,
 * epoch and sequence. Breaks `IdempotentSendsWriteOnce`.
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { Idempotence, makeIdempotence } from "../producer/idempotence.ts"
import type { Target } from "../target.ts"

/** An idempotence memory that never recognises a duplicate. */
export const idempotenceBlindLayer = Layer.effect(
  Idempotence,
  Effect.map(makeIdempotence, (idempotence) => ({ ...idempotence, duplicateOf: () => undefined }))
)

/** The built-in broker with {@link idempotenceBlindLayer}: idempotent retries are appended again. */
export const dedupIgnoresSequence: Target = makeBrokerTarget("mutant:dedup-ignores-sequence", {
  idempotence: idempotenceBlindLayer
})
