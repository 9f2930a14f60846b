/**
 * Small hand-written effect histories for the tests: one record (or a
 * record and a retried send's duplicate) processed twice by one member of
 * a group of `configEffects`, with a crash and, when given, a clock advance
 * between the two processings.
 *
 * @module
 */
import type { EffectOutcome, EffectOutcomeKind } from "../../../spec/index.ts"
import { HistoryBuilder } from "./historyBuilder.ts"

/** How one processing of the scenario is answered: its outcome kind, and whether the process crashed midway. */
export interface Processing {
  readonly outcome: EffectOutcomeKind
  readonly crashed?: boolean
}

/** What the second processing of {@link processedTwice} reads: a redelivery of orders/0@0, or the duplicate orders/0@1 of a retried send. */
export type Again = "redelivery" | "duplicate"

const answer = (b: HistoryBuilder, group: string, at: string, processing: Processing, id: string): HistoryBuilder => {
  const effect: EffectOutcome = { outcome: processing.outcome, id }
  return processing.crashed === true ? b.processCrashed(group, "a", at, { effect }) : b.processEffect(group, "a", at, effect).crash(group, "a")
}

/**
 * `group`'s member a is delivered orders/0@0 (value `v0`), processes it as
 * `first` says (a crash follows, midway or after), rejoins after `advanceMs`
 * (0: no advance) and processes orders/0@0 again (or the duplicate
 * orders/0@1, also `v0`) as `second` says. Steps: 1 send (2 with the
 * duplicate), join, poll, first, [crash], [advance], join, poll, second.
 */
export const processedTwice = (group: string, first: Processing, second: Processing, advanceMs = 0, again: Again = "redelivery"): HistoryBuilder => {
  const b = new HistoryBuilder().send("orders/0@0", { key: "k", value: "v0" })
  if (again === "duplicate") b.send("orders/0@1", { key: "k", value: "v0" })
  b.join(group, "a", 1, ["orders/0", "orders/1"]).poll(group, "a", ["orders/0@0"])
  answer(b, group, "orders/0@0", first, "v0")
  if (advanceMs > 0) b.advance(advanceMs, advanceMs)
  const at = again === "duplicate" ? "orders/0@1" : "orders/0@0"
  b.join(group, "a", 2, ["orders/0", "orders/1"]).poll(group, "a", [at])
  const effect: EffectOutcome = { outcome: second.outcome, id: "v0" }
  return second.crashed === true ? b.processCrashed(group, "a", at, { effect }) : b.processEffect(group, "a", at, effect)
}
