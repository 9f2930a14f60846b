/**
 * The attempts a member's client made at the records it failed to process:
 * per (group, member) and record place (topic, partition, offset), how many
 * attempts failed and, under `retry-then-dead-letter`, when the next one may
 * be made. They live in the member's process: a crash, a leave or a rejoin
 * (a fresh client) forgets them all, and processing or dead-lettering a
 * place forgets its own; a redelivered copy of a place continues its count.
 *
 * @module
 */
import { Context, Effect, Layer } from "effect"
import { partitionKey } from "../internal/topicPartition.ts"

/** The failed attempts at one place: how many, and when the next may be made (none under the `none` policy). */
export interface PlaceAttempts {
  readonly count: number
  readonly retryAtMs: number | undefined
}

/** The clients' attempt counts (every method names a group and a member). */
export interface ProcessAttemptsShape {
  /** The failed attempts the member's client made at the place (`undefined`: none). */
  readonly of: (group: string, member: string, topic: string, partition: number, offset: number) => PlaceAttempts | undefined
  /** Sets the failed attempts at the place. */
  readonly set: (group: string, member: string, topic: string, partition: number, offset: number, attempts: PlaceAttempts) => void
  /** Forgets the place's attempts (processed or dead-lettered). */
  readonly forget: (group: string, member: string, topic: string, partition: number, offset: number) => void
  /** Forgets every attempt of the member's client (its process died, left, or started afresh). */
  readonly forgetClient: (group: string, member: string) => void
}

/** One client's attempts, by `placeKey`. */
type Places = ReadonlyMap<string, PlaceAttempts>

/** Members' attempts by group, then member. */
type ByGroup = ReadonlyMap<string, ReadonlyMap<string, Places>>

/** The key of a record place: its partition key, then its offset. */
const placeKey = (topic: string, partition: number, offset: number): string => `${offset}@${partitionKey(topic, partition)}`

const noPlaces: Places = new Map()
const noMembers: ReadonlyMap<string, Places> = new Map()

/** No attempts anywhere. */
export const processAttemptsOf = (): ProcessAttemptsShape => {
  let state: ByGroup = new Map()

  /** Replaces the client's places with `f` of them (an empty result drops the client's entry). */
  const update = (group: string, member: string, f: (places: Places) => Places): void => {
    const members = state.get(group) ?? noMembers
    const before = members.get(member) ?? noPlaces
    const after = f(before)
    if (after === before) return
    const nextMembers = new Map(members)
    if (after.size === 0) nextMembers.delete(member)
    else nextMembers.set(member, after)
    state = new Map(state).set(group, nextMembers)
  }

  return {
    of(group, member, topic, partition, offset) {
      return state.get(group)?.get(member)?.get(placeKey(topic, partition, offset))
    },
    set(group, member, topic, partition, offset, attempts) {
      return update(group, member, (places) => new Map(places).set(placeKey(topic, partition, offset), attempts))
    },
    forget(group, member, topic, partition, offset) {
      return update(group, member, (places) => {
        const key = placeKey(topic, partition, offset)
        if (!places.has(key)) return places
        const next = new Map(places)
        next.delete(key)
        return next
      })
    },
    forgetClient(group, member) {
      return update(group, member, () => noPlaces)
    }
  }
}

/** {@link processAttemptsOf}, as an Effect. */
export const makeProcessAttempts: Effect.Effect<ProcessAttemptsShape> = Effect.sync(processAttemptsOf)

/** The member clients' attempt counts and retry times. */
export class ProcessAttempts extends Context.Service<ProcessAttempts, ProcessAttemptsShape>()("qsem/impl/ProcessAttempts") {
  /** No attempts anywhere. */
  static readonly layer: Layer.Layer<ProcessAttempts> = Layer.effect(ProcessAttempts, makeProcessAttempts)
}
