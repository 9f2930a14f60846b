/**
 * Whether a group's application can process a record's payload at all: a
 * poison record (spec/failure.ts `isPoison`, a value starting `poison-`)
 * fails every attempt before any downstream call, as a payload the consumer
 * cannot parse does. Only groups with a `failure` config ask.
 *
 * @module
 */
import { Context, Layer } from "effect"
import { isPoison } from "../../spec/failure.ts"
import type { LogRecord } from "../../spec/record.ts"

/** The application's check of a payload. */
export interface PoisonCheckShape {
  /** Whether processing the record fails every time (cause `poison`). */
  readonly isPoison: (record: LogRecord) => boolean
}

/** The spec's check: the value starts with `poison-`. */
export const poisonCheckSpec: PoisonCheckShape = { isPoison: (record) => isPoison(record.value) }

/** The groups' applications' payload check. */
export class PoisonCheck extends Context.Service<PoisonCheck, PoisonCheckShape>()("qsem/impl/PoisonCheck") {
  /** The spec's check. */
  static readonly layer: Layer.Layer<PoisonCheck> = Layer.succeed(PoisonCheck, poisonCheckSpec)
}
