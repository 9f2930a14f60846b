/**
 * Broker errors that cannot happen: a call whose typed errors a valid config
 * rules out turns any it throws into a defect, as `Effect.orDie` does, so
 * the broker's boundary does not answer it as if the command were invalid.
 *
 * @module
 */
import { isBrokerError } from "../errors.ts"

/**
 * Runs `body`; a broker error it throws is rethrown as a defect (an `Error`
 * whose cause is the broker error), anything else as it is.
 *
 * @example
 * ```ts
 * const topic = orDie(() => config.requireTopic(service.topic)) // a valid config names configured topics
 * ```
 */
export const orDie = <A>(body: () => A): A => {
  try {
    return body()
  } catch (error) {
    if (isBrokerError(error)) throw new Error(`qsem impl: a broker error that cannot happen: ${error._tag}`, { cause: error })
    throw error
  }
}
