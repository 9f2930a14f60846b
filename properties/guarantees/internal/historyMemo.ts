/**
 * What the checkers compute from a whole history, remembered per history:
 * `evaluateRun` asks every checker in turn about the same history, and
 * several ask for the same derived facts (acknowledged records, drained
 * groups, skips...). Each memo keeps the last answer for each history (a
 * `WeakMap`, so a history no longer judged is forgotten with it), and
 * computes again for a history that grew since, or for another config.
 *
 * @module
 */
import type { Config, History } from "../../../spec/index.ts"

/** `compute` of a history, remembered per history and its length. */
export const memoByHistory = <A>(compute: (history: History) => A): ((history: History) => A) => {
  const memo = new WeakMap<History, { readonly length: number; readonly value: A }>()
  return (history) => {
    const kept = memo.get(history)
    if (kept !== undefined && kept.length === history.length) return kept.value
    const value = compute(history)
    memo.set(history, { length: history.length, value })
    return value
  }
}

/** `compute` of a history under a config, remembered per history, its length and the config. */
export const memoByHistoryAndConfig = <A>(compute: (history: History, config: Config) => A): ((history: History, config: Config) => A) => {
  const memo = new WeakMap<History, { readonly config: Config; readonly length: number; readonly value: A }>()
  return (history, config) => {
    const kept = memo.get(history)
    if (kept !== undefined && kept.config === config && kept.length === history.length) return kept.value
    const value = compute(history, config)
    memo.set(history, { config, length: history.length, value })
    return value
  }
}
