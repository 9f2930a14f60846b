/**
 * What decoding one choice looks at: the driver, the config, and the member
 * slots flattened over groups.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Choice } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import type { Slot } from "./internal/slots.ts"
import { slotsOf } from "./internal/slots.ts"

/** The inputs of one decoding. */
export interface DecodeContext {
  readonly driver: Driver
  readonly config: Config
  /** Every group's generated member slots (`m0..`), group by group. */
  readonly slots: ReadonlyArray<Slot>
}

/** The context for decoding against `driver`. */
export const decodeContextOf = (driver: Driver, config: Config): DecodeContext => ({
  driver,
  config,
  slots: slotsOf(driver, config.bounds.membersPerGroupMax)
})

/**
 * A kind of command the generator can produce: its weight, and, when it is
 * enabled in a context, how to build the command from the choice's fields
 * `a`, `b`, `c` (`undefined` when nothing of this kind makes sense now).
 */
export interface Action {
  readonly name: string
  readonly weight: number
  readonly enable: (context: DecodeContext) => ((choice: Choice) => Command) | undefined
}
