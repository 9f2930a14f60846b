/**
 * What decoding one choice looks at: the driver, the config, and the member
 * slots sorted into the roles the actions pick from.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import type { Choice } from "../choice.ts"
import type { Driver } from "../driver/driver.ts"
import { canSeek, hasProcessable } from "../driver/protocol.ts"
import type { Slot } from "./internal/slots.ts"

/**
 * The inputs of one decoding. Slots are every group's generated member slots
 * (`m0..`, not the drain's member), group by group, sorted by role.
 */
export interface DecodeContext {
  readonly driver: Driver
  readonly config: Config
  readonly slots: ReadonlyArray<Slot>
  /** Members with a client. */
  readonly running: ReadonlyArray<Slot>
  /** Members without a client. */
  readonly idle: ReadonlyArray<Slot>
  /** Members with a client that the broker lists. */
  readonly live: ReadonlyArray<Slot>
  /** Members with a client that the broker no longer lists (expired). */
  readonly zombies: ReadonlyArray<Slot>
  /** Members that may join: not both running and listed. */
  readonly joinable: ReadonlyArray<Slot>
  /** Running members holding a record their protocol lets them process. */
  readonly processing: ReadonlyArray<Slot>
  /** Live members delivered records since their last sync (so they have something to commit). */
  readonly committing: ReadonlyArray<Slot>
  /** Running members with a partition their protocol lets them seek in. */
  readonly seeking: ReadonlyArray<Slot>
  /**
   * Running members of `exactly-once` groups (zombies included), who follow
   * their own protocol (see `exactlyOnce.ts` in the driver) rather than the
   * generic process, commit and seek actions. Empty unless the config is
   * transactional.
   */
  readonly exactlyOnce: ReadonlyArray<Slot>
}

/** The context for decoding against `driver`, in one pass over the slots. */
export const decodeContextOf = (driver: Driver, config: Config): DecodeContext => {
  const slots: Array<Slot> = []
  const running: Array<Slot> = []
  const idle: Array<Slot> = []
  const live: Array<Slot> = []
  const zombies: Array<Slot> = []
  const joinable: Array<Slot> = []
  const processing: Array<Slot> = []
  const committing: Array<Slot> = []
  const seeking: Array<Slot> = []
  const exactlyOnce: Array<Slot> = []
  const membersMax = config.bounds.membersPerGroupMax
  for (const group of driver.groups) {
    for (let i = 0; i < membersMax && i < group.members.length; i++) {
      const member = group.members[i]
      const slot = { group, member }
      slots.push(slot)
      if (!member.running) {
        idle.push(slot)
        joinable.push(slot)
        continue
      }
      running.push(slot)
      const transactional = group.mode === "exactly-once"
      if (member.listed) {
        live.push(slot)
        if (member.delivered.length > 0 && !transactional) committing.push(slot)
      } else {
        zombies.push(slot)
        joinable.push(slot)
      }
      if (transactional) {
        exactlyOnce.push(slot)
        continue
      }
      if (hasProcessable(group, member)) processing.push(slot)
      if (canSeek(driver, group, member)) seeking.push(slot)
    }
  }
  return { driver, config, slots, running, idle, live, zombies, joinable, processing, committing, seeking, exactlyOnce }
}

/**
 * A kind of command the generator can produce: its weight, whether it makes
 * sense in a context, and how to build it from the choice's fields `a`, `b`,
 * `c` (called only when enabled).
 */
export interface Action {
  readonly name: string
  readonly weight: number
  readonly enabled: (context: DecodeContext) => boolean
  readonly make: (context: DecodeContext, choice: Choice) => Command
}
