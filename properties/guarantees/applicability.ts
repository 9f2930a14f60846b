/**
 * Whether runs of a config can exercise a guarantee at all, and if not, why:
 * the reason `qsem check` prints beside "n/a".
 *
 * @module
 */
import type { Config, DeliveryMode, Guarantee } from "../../spec/index.ts"
import { quoteInput } from "../../spec/internal/quoteInput.ts"
import type { GuaranteeCheck } from "./check.ts"

const byModes = (modes: ReadonlyArray<DeliveryMode>): string =>
  modes.length === 1 ? `an ${modes[0]} group` : "a consumer group"

/**
 * Why runs of `config` cannot exercise `guarantee`, or `undefined` when they
 * can: the checker's own `notApplicableReason` when it has one, else whether
 * the config has a group of a mode the guarantee holds under that subscribes
 * to at least one topic.
 *
 * @example
 * ```ts
 * notApplicableReasonOf(guaranteeById("NoDuplicateUnderAtMostOnce"), check, onlyAtLeastOnce)
 * // "needs an at-most-once group; the config has none"
 * ```
 */
export const notApplicableReasonOf = (guarantee: Guarantee, check: GuaranteeCheck, config: Config): string | undefined => {
  if (check.notApplicableReason !== undefined) return check.notApplicableReason(config)
  const ofMode = config.groups.filter((group) => guarantee.holdsUnder.includes(group.mode))
  if (ofMode.length === 0) return `needs ${byModes(guarantee.holdsUnder)}; the config has none`
  if (ofMode.some((group) => group.topics.length > 0)) return undefined
  // A group that subscribes to no topic is never delivered a record: it can break nothing and witness nothing.
  const names = ofMode.map((group) => quoteInput(group.name))
  return `needs ${byModes(guarantee.holdsUnder)} that reads a topic; ${
    names.length === 1 ? `${names[0]} reads none` : `${names.join(", ")} read none`
  }`
}
