/**
 * Structural equality of plain JSON-like data (responses), fast enough to
 * compare every step of a lockstep run, and the paths where two values
 * differ (the fallback of `format/difference.ts`).
 *
 * A property whose value is `undefined` counts as absent, as in JSON.
 *
 * @module
 */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null

const definedKeysCount = (value: Record<string, unknown>): number => {
  let count = 0
  for (const key in value) if (value[key] !== undefined) count++
  return count
}

/**
 * Whether two JSON-like values are equal: same primitives (`Object.is` for
 * numbers, so `NaN` equals `NaN`), arrays of equal elements, objects with the
 * same defined properties.
 *
 * @example
 * ```ts
 * equalJson({ _tag: "Sent", offset: 1 }, { offset: 1, _tag: "Sent" }) // true
 * equalJson({ key: undefined }, {}) // true
 * ```
 */
export const equalJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (!isObject(a) || !isObject(b)) return Object.is(a, b)
  const aArray = Array.isArray(a)
  if (aArray !== Array.isArray(b)) return false
  if (aArray) {
    const bArray = b as unknown as ReadonlyArray<unknown>
    if (a.length !== bArray.length) return false
    for (let i = 0; i < a.length; i++) if (!equalJson(a[i], bArray[i])) return false
    return true
  }
  let count = 0
  for (const key in a) {
    const value = a[key]
    if (value === undefined) continue
    count++
    if (!equalJson(value, b[key])) return false
  }
  return count === definedKeysCount(b)
}

const show = (value: unknown): string => {
  if (value === undefined) return "nothing"
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}

const collect = (expected: unknown, actual: unknown, path: string, out: Array<string>, limit: number): void => {
  if (out.length >= limit || equalJson(expected, actual)) return
  const label = path === "" ? "value" : path
  if (isObject(expected) && isObject(actual) && Array.isArray(expected) === Array.isArray(actual)) {
    if (Array.isArray(expected)) {
      const actualArray = actual as unknown as ReadonlyArray<unknown>
      if (expected.length !== actualArray.length) {
        out.push(`${label}.length expected ${expected.length}, got ${actualArray.length}`)
      }
      const common = Math.min(expected.length, actualArray.length)
      for (let i = 0; i < common && out.length < limit; i++) collect(expected[i], actualArray[i], `${path}[${i}]`, out, limit)
      return
    }
    if (expected._tag !== actual._tag) {
      out.push(`${path === "" ? "" : `${path}: `}expected ${show(expected._tag)}, got ${show(actual._tag)}`)
      return
    }
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)])
    for (const key of keys) {
      if (out.length >= limit) return
      collect(expected[key], actual[key], path === "" ? key : `${path}.${key}`, out, limit)
    }
    return
  }
  out.push(`${label} expected ${show(expected)}, got ${show(actual)}`)
}

/**
 * Where two JSON-like values differ, as at most `limit` short lines naming
 * the path of each differing field (empty when they are equal).
 *
 * @example
 * ```ts
 * differencesJson({ _tag: "Sent", offset: 1 }, { _tag: "Sent", offset: 2 }) // ["offset expected 1, got 2"]
 * differencesJson({ _tag: "Sent" }, { _tag: "UnknownTopic" }) // ["expected \"Sent\", got \"UnknownTopic\""]
 * ```
 */
export const differencesJson = (expected: unknown, actual: unknown, limit = 3): ReadonlyArray<string> => {
  const out: Array<string> = []
  collect(expected, actual, "", out, limit)
  return out
}
