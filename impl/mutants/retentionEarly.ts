/**
 * `mutant:retention-early`: time-based retention deletes an entry one
 * millisecond early (`timestampMs + retentionMs <= nowMs + 1`), the
 * off-by-one of a cleaner that compares with `<` where `<=` was meant on
 * the other side (an entry "older than" `retentionMs` taken as "at least
 * `retentionMs - 1` old"). A consumer reading right at the edge of the
 * retention window loses a record the topic still promised to keep, and a
 * `ClockAdvance` reports a log start that should not have moved yet. Breaks
 * `RetentionLossesAreDocumented`.
 *
 * @module
 */
import { Layer } from "effect"
import { makeBrokerTarget } from "../builtin.ts"
import { LogStore, makeLogStoreWith, markerStored } from "../logStore.ts"
import type { ExpiryRule } from "../retention/timeRetention.ts"
import type { Target } from "../target.ts"

/** Expired one millisecond before the retention time is up. */
export const expiredOneMsEarly: ExpiryRule = (timestampMs, retentionMs, nowMs) => timestampMs + retentionMs <= nowMs + 1

/** Logs whose time-based retention deletes with {@link expiredOneMsEarly}. */
export const logStoreRetentionEarlyLayer = Layer.effect(LogStore, makeLogStoreWith(markerStored, expiredOneMsEarly))

/** The built-in broker with {@link logStoreRetentionEarlyLayer}: retention deletes 1 ms early. */
export const retentionEarly: Target = makeBrokerTarget("mutant:retention-early", { logStore: logStoreRetentionEarlyLayer })
