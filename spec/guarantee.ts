/**
 * The shape of a guarantee: a named claim about histories, where it must hold
 * and where it may be violated, with an `always` check and a `sometimes`
 * witness (so that it never passes only because the interesting case did not
 * happen).
 *
 * @module
 */
import * as Schema from "effect/Schema"
import { DeliveryMode } from "./config.ts"
import { GuaranteeId } from "./guaranteeId.ts"

export { GuaranteeId } from "./guaranteeId.ts"

/**
 * A guarantee: its claim in prose, the delivery modes whose groups it covers
 * (`holdsUnder`), the modes where the property it protects is expected to be
 * violable (`violableUnder`), what the `always` check verifies on every
 * history, what the `sometimes` witness requires to have happened in at least
 * one run, and the mutants (in `impl/mutants/`) that break it.
 */
export const Guarantee = Schema.Struct({
  id: GuaranteeId,
  statement: Schema.String,
  holdsUnder: Schema.Array(DeliveryMode),
  violableUnder: Schema.Array(DeliveryMode),
  always: Schema.String,
  sometimes: Schema.String,
  mutants: Schema.Array(Schema.String)
})
/** @see {@link Guarantee} */
export type Guarantee = typeof Guarantee.Type
