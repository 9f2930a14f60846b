/**
 * A member's attempts at records: per record place (topic, partition,
 * offset), how many attempts at it failed and when the next one may be made.
 * They live in the member's process (its consumer client), so a crash, a
 * leave or a join forgets them, and so does processing or dead-lettering the
 * place; a redelivered copy of a place continues its count (spec/command/consumer.ts,
 * `ConsumerProcess` step 3a).
 *
 * @module
 */

/** The failed attempts of one client at one record place. */
export interface PlaceAttempts {
  readonly topic: string
  readonly partition: number
  readonly offset: number
  /** How many attempts at the place failed (at least 1). */
  readonly count: number
  /** The clock before which the next attempt is refused (`BackoffPending`), or -1 when none (policy `none`). */
  readonly retryAtMs: number
}

/** A client's failed attempts, one entry per place, in the order the places first failed. */
export type Attempts = ReadonlyArray<PlaceAttempts>

/** No failed attempts: every client of a group without a `failure` config keeps this one array. */
export const attemptsNone: Attempts = []

/** The entry of the place, or `undefined` when no attempt at it failed. */
export const attemptsAt = (attempts: Attempts, topic: string, partition: number, offset: number): PlaceAttempts | undefined => {
  for (let i = 0; i < attempts.length; i++) {
    const entry = attempts[i]
    if (entry.offset === offset && entry.partition === partition && entry.topic === topic) return entry
  }
  return undefined
}

/** The attempts with `entry` recorded for its place (replacing the place's earlier entry). */
export const attemptsWith = (attempts: Attempts, entry: PlaceAttempts): Attempts => {
  const next: Array<PlaceAttempts> = []
  let replaced = false
  for (let i = 0; i < attempts.length; i++) {
    const old = attempts[i]
    if (old.offset === entry.offset && old.partition === entry.partition && old.topic === entry.topic) {
      next.push(entry)
      replaced = true
    } else next.push(old)
  }
  if (!replaced) next.push(entry)
  return next
}

/** The attempts with the place forgotten (the same array when it held nothing for it). */
export const attemptsWithout = (attempts: Attempts, topic: string, partition: number, offset: number): Attempts => {
  if (attempts.length === 0) return attempts
  const found = attemptsAt(attempts, topic, partition, offset)
  if (found === undefined) return attempts
  return attempts.length === 1 ? attemptsNone : attempts.filter((entry) => entry !== found)
}
