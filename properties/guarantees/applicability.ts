/**
 * Whether runs of a config can exercise a guarantee at all, and if not, why:
 * the reason `qsem check` prints beside "n/a".
 *
 * @module
 */
import type { Config, DeliveryMode, Guarantee } from "../../spec/index.ts"
import type { GuaranteeCheck } from "./check.ts"

const byModes = (modes: ReadonlyArray<DeliveryMode>): string =>
  modes.length === 1 ? `an ${modes[0]} group` : "a consumer group"

/**
 * Why runs of `config` cannot exercise `guarantee`, or `undefined` when they
 * can: the checker's own `notApplicableReason` when it has one, else whether
 * the config has a group of a mode the guarantee holds under.
 *
 * @example
 * ```ts
 * notApplicableReasonOf(guaranteeById("NoDuplicateUnderAtMostOnce"), check, onlyAtLeastOnce)
 * // "needs an at-most-once group; the config has none"
 * ```
 */
export const notApplicableReasonOf = (guarantee: Guarantee, check: GuaranteeCheck, config: Config): string | undefined => {
  if (check.notApplicableReason !== undefined) return check.notApplicableReason(config)
  if (config.groups.some((group) => guarantee.holdsUnder.includes(group.mode))) return undefined
  return `needs ${byModes(guarantee.holdsUnder)}; the config has none`
}
