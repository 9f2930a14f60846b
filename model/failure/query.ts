/**
 * Read-only views of the failure handling in a model state (see
 * `model/query.ts` for the rest), for generators, docs and tests: a group's
 * downstream, breaker and dead-letterings, and a member's failed attempts.
 * Each answer is fresh plain data; none of them changes the state.
 *
 * @module
 */
import type { PartitionOffset } from "../../spec/record.ts"
import { indexOfClient } from "../client.ts"
import * as Seq from "../internal/seq.ts"
import type { ModelState } from "../state.ts"

/** A group's breaker: closed with its consecutive failed downstream calls, or open since a clock. */
export type BreakerView = { readonly state: "closed"; readonly failures: number } | { readonly state: "open"; readonly openedAtMs: number }

/** One record a group dead-lettered: where the original was and where the dead-letter record went. */
export interface DeadLetteringView {
  readonly source: { readonly topic: string; readonly partition: number }
  readonly key?: string
  readonly value: string
  readonly deadLetter: PartitionOffset
}

/** A group's failure state. */
export interface FailureView {
  readonly downstreamUp: boolean
  /** `undefined` for a group whose `failure` config has no breaker. */
  readonly breaker: BreakerView | undefined
  /** Its dead-letterings, in publish order. */
  readonly deadLettered: ReadonlyArray<DeadLetteringView>
  /** How many of them (the first ones) were redriven. */
  readonly redrivenCount: number
}

/** A member's failed attempts at one record place. */
export interface AttemptsView {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  /** How many attempts at the place failed. */
  readonly count: number
  /** The clock before which the next attempt is refused (absent under policy `none`). */
  readonly retryAtMs?: number
}

/** The group's failure state, or `undefined` for an unknown group or one without a `failure` config. */
export const failureOf = (state: ModelState, group: string): FailureView | undefined => {
  const index = state.world.groupIndex.get(group)
  if (index === undefined) return undefined
  const failure = state.failures[index]
  if (failure === undefined) return undefined
  const breaker = failure.breaker
  const topics = state.world.config.topics
  return {
    downstreamUp: failure.downstreamUp,
    breaker:
      state.world.config.groups[index].failure?.breaker === undefined
        ? undefined
        : breaker._tag === "Closed"
          ? { state: "closed", failures: breaker.failures }
          : { state: "open", openedAtMs: breaker.openedAtMs },
    deadLettered: Seq.toArray(failure.deadLetters.entries).map((entry): DeadLetteringView => {
      const source = { topic: topics[entry.sourceTopicIndex].name, partition: entry.sourcePartition }
      return entry.key === undefined
        ? { source, value: entry.value, deadLetter: entry.deadLetter }
        : { source, key: entry.key, value: entry.value, deadLetter: entry.deadLetter }
    }),
    redrivenCount: failure.deadLetters.redrivenCount
  }
}

/** The member's failed attempts, in the order the places first failed (empty when it is not running or has none). */
export const attemptsOf = (state: ModelState, group: string, member: string): ReadonlyArray<AttemptsView> => {
  const index = state.world.groupIndex.get(group)
  if (index === undefined) return []
  const clients = state.groups[index].clients
  const clientIndex = indexOfClient(clients, member)
  if (clientIndex < 0) return []
  return clients[clientIndex].attempts.map(({ topic, partition, offset, count, retryAtMs }) =>
    retryAtMs < 0 ? { topic, partition, offset, count } : { topic, partition, offset, count, retryAtMs }
  )
}
