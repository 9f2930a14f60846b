/**
 * Refusing `qsem check` and `qsem replay --guarantees` when none of the
 * guarantees asked for applies to the config: such a run would pass having
 * judged nothing.
 *
 * @internal
 * @module
 */
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { notApplicableReasonOf } from "../../properties/guarantees/applicability.ts"
import type { Config } from "../../spec/config.ts"
import { guaranteeById } from "../../spec/catalogue.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"

/** Which of the asked guarantees apply to a config, and, when none does, why not. */
export interface Applicability {
  /** The asked guarantees that runs of the config can exercise, in the order asked. */
  readonly applicable: ReadonlyArray<GuaranteeId>
  /** When `applicable` is empty: each asked id with why it does not apply, joined by "; "; otherwise `undefined`. */
  readonly noneApplies: string | undefined
}

/** Splits `asked` by whether runs of `config` can exercise each (see `notApplicableReasonOf`). */
export const applicabilityOf = (asked: ReadonlyArray<GuaranteeId>, config: Config): Applicability => {
  const reasons = asked.map((id) => notApplicableReasonOf(guaranteeById(id), guaranteeCheckById(id), config))
  const applicable = asked.filter((_, i) => reasons[i] === undefined)
  return {
    applicable,
    noneApplies: applicable.length > 0 ? undefined : asked.map((id, i) => `${id} ${reasons[i]}`).join("; ")
  }
}
