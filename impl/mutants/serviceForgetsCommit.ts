/**
 * `mutant:service-forgets-commit`: the dual write's database half runs on a
 * connection with autocommit off and never issues its `COMMIT`: the service
 * answers as if the row were committed, and the row vanishes when the
 * connection goes (here: at once), while its event is published. Breaks
 * `DualWriteCanLoseOrInventEvents` (a published event that is no business
 * row, though no crash came between the two writes).
 *
 * @module
 */
import { Effect, Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { makeServiceStoreMemory } from "../service/serviceStoreMemory.ts"
import { ServiceStore } from "../service/serviceStoreShape.ts"
import type { Target } from "../target.ts"

/** A service store whose `commitRow` is never made durable. */
export const serviceStoreUncommittedLayer = Layer.effect(
  ServiceStore,
  Effect.map(makeServiceStoreMemory, (store) => ({ ...store, commitRow: () => undefined }))
)

/** The built-in broker with {@link serviceStoreUncommittedLayer}. */
export const serviceForgetsCommit: Target = makeBrokerTarget("mutant:service-forgets-commit", {
  serviceStore: serviceStoreUncommittedLayer
})
