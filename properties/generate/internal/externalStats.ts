/**
 * How often runs on a config reaching outside the broker exercised each
 * witness of the guarantees of external effects and services, counted from
 * the commands and the model's answers alone: for the generator's tests and
 * for tuning it.
 *
 * @module
 */
import type { Config } from "../../../spec/config.ts"
import { dedupOrderOf } from "../../../spec/config.ts"
import type { Response } from "../../../spec/response.ts"

/** The witnesses one run showed (each counted once per occurrence). */
export interface ExternalCases {
  /** A record of a `none` group (not exactly-once) had its effect applied a second time. */
  readonly naiveDuplicate: number
  /** An `idempotency-key` group skipped a remembered id. */
  readonly skippedDuplicate: number
  /** A group with a dedup window applied an id again after it had recorded it (the window expired). */
  readonly reappliedAfterWindow: number
  /** A `key-then-effect` group skipped an id whose only record was a `key-recorded` crash: the effect is lost. */
  readonly keyThenEffectLoss: number
  /** An `effect-then-key` group applied an id again after a crash applied it without its key. */
  readonly effectThenKeyDuplicate: number
  /** A conditional update was rejected. */
  readonly casRejected: number
  /** An exactly-once group with an effect of remedy `none` applied an id's effect twice. */
  readonly exactlyOnceEffectTwice: number
  /** A relay crashed after its send, and a later relay sent the same event again. */
  readonly relayRepublished: number
  /** An outbox service crashed inside its transaction (nothing committed, nothing sent). */
  readonly outboxCrashLeftNothing: number
  /** A `commit-then-send` service crashed between its commit and its send (a lost event). */
  readonly dualWriteLoss: number
  /** A `send-then-commit` service crashed between its send and its commit (a phantom). */
  readonly dualWritePhantom: number
}

/** Every witness, by name, for reports. */
export const externalCaseNames: ReadonlyArray<keyof ExternalCases> = [
  "naiveDuplicate",
  "skippedDuplicate",
  "reappliedAfterWindow",
  "keyThenEffectLoss",
  "effectThenKeyDuplicate",
  "casRejected",
  "exactlyOnceEffectTwice",
  "relayRepublished",
  "outboxCrashLeftNothing",
  "dualWriteLoss",
  "dualWritePhantom"
]

/** The witnesses of one run's answers (the drain included). */
export const externalCasesOf = (config: Config, answers: ReadonlyArray<Response>): ExternalCases => {
  const cases = Object.fromEntries(externalCaseNames.map((name) => [name, 0])) as Record<keyof ExternalCases, number>
  const groups = new Map(config.groups.map((group) => [group.name, group]))
  const publishOf = new Map((config.services ?? []).map((service) => [service.name, service.publish]))
  /** Per `group/id`: how many times applied, whether recorded (applied with its key, or key-recorded), whether the last record was only a key. */
  const seen = new Map<string, { applied: number; recorded: boolean; keyOnly: boolean; appliedWithoutKey: boolean }>()
  const relayCrashed = new Set<string>()
  answers.forEach((response) => {
    switch (response._tag) {
      case "Processed":
      case "ProcessCrashed": {
        const effect = response.effect
        const group = groups.get(response.group)
        if (effect === undefined || group?.effect === undefined) return
        const key = `${response.group}/${effect.id}`
        const entry = seen.get(key) ?? { applied: 0, recorded: false, keyOnly: false, appliedWithoutKey: false }
        const crashed = response._tag === "ProcessCrashed"
        const order = group.effect.remedy === "idempotency-key" ? dedupOrderOf(group.effect) : undefined
        switch (effect.outcome) {
          case "skipped":
            cases.skippedDuplicate++
            if (entry.keyOnly) cases.keyThenEffectLoss++
            break
          case "rejected":
            cases.casRejected++
            break
          case "key-recorded":
            entry.recorded = true
            entry.keyOnly = entry.applied === 0
            break
          case "applied":
            if (entry.applied > 0 || entry.keyOnly) {
              if (group.effect.remedy === "none") {
                if (group.mode === "exactly-once") cases.exactlyOnceEffectTwice++
                else cases.naiveDuplicate++
              }
              if (order === "effect-then-key" && entry.appliedWithoutKey) cases.effectThenKeyDuplicate++
              if (group.effect.dedupWindowMs !== undefined && entry.recorded) cases.reappliedAfterWindow++
            }
            entry.applied++
            entry.appliedWithoutKey = crashed && order === "effect-then-key"
            if (!entry.appliedWithoutKey) entry.recorded = true
            entry.keyOnly = false
            break
        }
        seen.set(key, entry)
        return
      }
      case "RelayCrashed":
        relayCrashed.add(`${response.service}/${response.event}`)
        return
      case "Relayed":
        if (relayCrashed.delete(`${response.service}/${response.event}`)) cases.relayRepublished++
        return
      case "ServiceCrashed": {
        const publish = publishOf.get(response.service)
        if (publish === "outbox" && !response.committed && response.sent === undefined) cases.outboxCrashLeftNothing++
        if (publish === "commit-then-send" && response.committed && response.sent === undefined) cases.dualWriteLoss++
        if (publish === "send-then-commit" && !response.committed && response.sent !== undefined) cases.dualWritePhantom++
        return
      }
      default:
        return
    }
  })
  return cases
}

/** The number of runs in which each witness happened at least once. */
export const runsWithEachCase = (runs: ReadonlyArray<ExternalCases>): Record<keyof ExternalCases, number> =>
  Object.fromEntries(externalCaseNames.map((name) => [name, runs.filter((run) => run[name] > 0).length])) as Record<keyof ExternalCases, number>
