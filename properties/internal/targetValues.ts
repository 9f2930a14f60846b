/**
 * How the lockstep runner inspects and describes what a target handed it: a
 * failure's first line, a value that should have been an Effect. Nothing
 * here throws, whatever the target returned.
 *
 * @module
 */
import { Cause, Effect } from "effect"
import { plainData } from "../plainAnswer.ts"
import { safeText } from "./safeText.ts"

/** The first line of a target's failure, even when the failure itself cannot be printed. */
export const causeLine = (cause: Cause.Cause<unknown>): string => {
  try {
    return safeText(Cause.pretty(cause))
  } catch {
    const reason = cause.reasons[0]
    return reason === undefined ? "an empty failure" : safeText(Cause.isDieReason(reason) ? reason.defect : Cause.isFailReason(reason) ? reason.error : "an interruption")
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === "object" || typeof value === "function") && value !== null &&
  typeof (value as { then?: unknown }).then === "function"

/** What a value that should have been an Effect (or a session) is, in a few words; never throws. */
export const describeValue = (value: unknown): string => {
  try {
    return describeValueUnsafe(value)
  } catch {
    return "a value that cannot be inspected"
  }
}

const describeValueUnsafe = (value: unknown): string => {
  if (isThenable(value)) return "a Promise"
  if (value === null) return "null"
  if (Array.isArray(value)) return "an array"
  switch (typeof value) {
    case "undefined":
      return "undefined"
    case "function":
      return "a function"
    case "object": {
      const plain = plainData(value)
      if (plain._tag === "NotPlain") return `an object (${plain.reason})`
      const json = JSON.stringify(plain.value)
      return `an object ${json.length > 80 ? `${json.slice(0, 77)}...` : json}`
    }
    default:
      return `a ${typeof value} ${String(value).slice(0, 40)}`
  }
}

/** A value that is not an Effect, described: a Promise among them is silenced, so its rejection prints no stack trace. */
export const notAnEffect = (value: unknown): string => {
  try {
    if (isThenable(value)) value.then(undefined, () => undefined)
  } catch {
    // a hostile thenable: nothing to silence
  }
  return describeValue(value)
}

/** `Effect.isEffect`, for a value whose inspection may throw (a Proxy). */
export const isEffectSafe = (value: unknown): boolean => {
  try {
    return Effect.isEffect(value)
  } catch {
    return false
  }
}
