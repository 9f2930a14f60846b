/**
 * Decoding a choice into a concrete command, against the application's view.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Choice } from "../choice.ts"
import { choiceFieldMax } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import { clock, commit, crash, heartbeat, join, leave, poll, processRecord, seek, send, zombie } from "./actions.ts"
import type { Action, DecodeContext } from "./context.ts"
import { decodeContextOf } from "./context.ts"
import { processCrash, relay, serviceWrite, windowClock } from "./external.ts"
import { invalid } from "./invalid.ts"
import { failureActions } from "./failure.ts"
import { brokerActions } from "./broker.ts"
import { queueActions } from "./queue.ts"
import { retentionActions } from "./retention.ts"
import { exactlyOnce, produce, producerCrash, retry, transactionalProducer, transactionClock, zombieProducer } from "./transaction.ts"

/**
 * Every action, in the order `Choice.action` walks them (so shrinking the
 * field towards 0 leads to sends, joins and polls). The actions of producers,
 * transactions and exactly-once members come last and are enabled only on
 * configs that name producers or have an `exactly-once` group, and those of
 * effects and services only on configs that reach outside the broker, and
 * those of queues only on configs with queues, and those of processing
 * failures and of retention (last) only on configs with a failure policy or
 * a retained topic, and broker restarts only on configs that ask for them, so other configs
 * decode exactly as before. The last enabled action also takes the
 * highest `action` values, which fast-check draws often: exactly-once
 * members' steps are last, so they get them rather than a rare fault.
 */
export const actions: ReadonlyArray<Action> = [
  send,
  join,
  poll,
  processRecord,
  commit,
  heartbeat,
  clock,
  crash,
  leave,
  seek,
  zombie,
  invalid,
  produce,
  producerCrash,
  retry,
  zombieProducer,
  transactionClock,
  transactionalProducer,
  processCrash,
  serviceWrite,
  relay,
  windowClock,
  exactlyOnce,
  ...queueActions,
  ...failureActions,
  ...retentionActions,
  ...brokerActions
]

/**
 * The command a choice stands for in the current view: `choice.action`,
 * scaled to the total weight of the enabled actions, picks the action, whose
 * fields `a`, `b`, `c` pick the rest. Pure and deterministic: the same driver
 * and choice give the same command.
 *
 * @example
 * ```ts
 * decodeChoice(driverInit(configDefault), configDefault, { action: 0, a: 0, b: 0, c: 0 })
 * // { _tag: "ProducerSend", producer: "p0", topic: "orders", value: "v0" }
 * ```
 */
export const decodeChoice = (driver: Driver, config: Config, choice: Choice): Command => {
  const context = decodeContextOf(driver, config)
  return pick(context, enabledOf(context), choice)
}

/** The actions enabled in a view, in decoding order, and their total weight. */
interface Enabled {
  readonly actions: ReadonlyArray<Action>
  readonly total: number
}

const enabledOf = (context: DecodeContext): Enabled => {
  const enabled: Array<Action> = []
  let total = 0
  for (const action of actions) {
    if (!action.enabled(context)) continue
    enabled.push(action)
    total += action.weight
  }
  return { actions: enabled, total }
}

/** The command `choice` picks among the enabled actions. */
const pick = (context: DecodeContext, enabled: Enabled, choice: Choice): Command => {
  // `clock` is always enabled, so the total is positive.
  let target = Math.floor((Math.min(choice.action, choiceFieldMax) * enabled.total) / (choiceFieldMax + 1))
  for (const action of enabled.actions) {
    if (target < action.weight) return action.make(context, choice)
    target -= action.weight
  }
  return enabled.actions[enabled.actions.length - 1].make(context, choice)
}

/**
 * A decoder of choices against one view: the view's decoding context and
 * enabled actions are computed once, so decoding many candidate choices
 * there (as the encoder's search does) costs one context, not one each.
 * `decoderOf(driver, config)(choice)` is `decodeChoice(driver, config, choice)`.
 */
export const decoderOf = (driver: Driver, config: Config): (choice: Choice) => Command => {
  const context = decodeContextOf(driver, config)
  const enabled = enabledOf(context)
  return (choice) => pick(context, enabled, choice)
}
