/**
 * What the application learns about the systems outside the broker: the ids
 * each `idempotency-key` group remembers and when (so the generator can aim
 * clock advances at a dedup window's expiry), and per service the events its
 * writes named, the ones committed, and how many outbox rows wait for the
 * relay. Kept only on configs that reach outside the broker (see
 * `isExternalConfig`); every other view leaves it empty.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { Config } from "../../spec/config.ts"
import { dedupOrderOf } from "../../spec/config.ts"
import type { RememberedId } from "../../spec/effect.ts"
import type { Response } from "../../spec/response.ts"

/** One service as its callers see it. */
export interface ServiceView {
  readonly name: string
  /** Whether it publishes through an outbox (and so has a relay). */
  readonly outbox: boolean
  /** The events its writes named (committed or not), in first-write order: a retried request names one again. */
  readonly events: ReadonlyArray<string>
  /** The events its answers said were committed. */
  readonly committed: ReadonlySet<string>
  /** Outbox rows the answers say are not published yet. */
  readonly pending: number
}

/** An `idempotency-key` group's dedup store: its window, its write order, the ids it remembers sorted by when they were recorded. */
export interface DedupView {
  /** Absent: ids are remembered forever. */
  readonly windowMs: number | undefined
  /** Its dedup order is `effect-then-key`: a crash midway applied the effect without remembering the id. */
  readonly effectThenKey: boolean
  readonly remembered: ReadonlyArray<RememberedId>
}

/** The outside of the broker, as the answers showed it. */
export interface ExternalView {
  /** Per `idempotency-key` group, what its application knows of its dedup store. */
  readonly dedup: ReadonlyMap<string, DedupView>
  /** Services in configuration order. */
  readonly services: ReadonlyArray<ServiceView>
  /** How many `ServiceWrite` commands of a fresh event were issued (the next fresh event is `e<eventsCount>`). */
  readonly eventsCount: number
}

/** The view before anything happened. */
export const externalInit = (config: Config): ExternalView => ({
  dedup: new Map(
    config.groups.flatMap((group) =>
      group.effect?.remedy === "idempotency-key"
        ? [[group.name, {
            windowMs: group.effect.dedupWindowMs,
            effectThenKey: dedupOrderOf(group.effect) === "effect-then-key",
            remembered: []
          }] as const]
        : []
    )
  ),
  services: (config.services ?? []).map((service) => ({
    name: service.name,
    outbox: service.publish === "outbox",
    events: [],
    committed: new Set<string>(),
    pending: 0
  })),
  eventsCount: 0
})

/** The event of a `ServiceWrite` of a fresh event: `e0`, `e1`, ... unique within a run. */
export const freshEventOf = (external: ExternalView): string => `e${external.eventsCount}`

const remember = (external: ExternalView, group: string, id: string, atMs: number): ExternalView => {
  const dedup = external.dedup.get(group)
  if (dedup === undefined) return external
  const remembered = [...dedup.remembered.filter((entry) => entry.id !== id), { id, atMs }]
  const map = new Map(external.dedup)
  map.set(group, { ...dedup, remembered })
  return { ...external, dedup: map }
}

/** The view without the ids whose window ended before `nowMs - 1` (no advance can land around their expiry any more). */
const forgotten = (external: ExternalView, nowMs: number): ExternalView => {
  let map: Map<string, DedupView> | undefined
  for (const [group, dedup] of external.dedup) {
    const windowMs = dedup.windowMs
    if (windowMs === undefined) continue
    const kept = dedup.remembered.filter((entry) => entry.atMs + windowMs + 1 > nowMs)
    if (kept.length === dedup.remembered.length) continue
    map ??= new Map(external.dedup)
    map.set(group, { ...dedup, remembered: kept })
  }
  return map === undefined ? external : { ...external, dedup: map }
}

const withService = (external: ExternalView, name: string, f: (service: ServiceView) => ServiceView): ExternalView => {
  const index = external.services.findIndex((service) => service.name === name)
  if (index < 0) return external
  const services = external.services.slice()
  services[index] = f(services[index])
  return { ...external, services }
}

const written = (service: ServiceView, event: string, committed: boolean, rowAdded: boolean): ServiceView => ({
  ...service,
  events: service.events.includes(event) ? service.events : [...service.events, event],
  committed: committed ? new Set([...service.committed, event]) : service.committed,
  pending: service.pending + (rowAdded ? 1 : 0)
})

/**
 * The outside view after `command` was answered with `response`, at clock
 * `nowMs` (the clock after the answer). Trusts the answers, as the rest of
 * the driver does.
 */
export const externalObserve = (external: ExternalView, command: Command, response: Response, nowMs: number): ExternalView => {
  const counted = command._tag === "ServiceWrite" && command.event === freshEventOf(external)
    ? { ...external, eventsCount: external.eventsCount + 1 }
    : external
  switch (response._tag) {
    case "Processed":
    case "ProcessCrashed": {
      const effect = response.effect
      if (effect === undefined) return counted
      // An id is recorded when it was applied (with its key, unless an effect-then-key process crashed before the key) or when only its key was.
      const recorded = effect.outcome === "key-recorded" ||
        (effect.outcome === "applied" && !(response._tag === "ProcessCrashed" && isEffectThenKey(command, counted)))
      return recorded ? remember(counted, response.group, effect.id, nowMs) : counted
    }
    case "ServiceWritten": {
      const outbox = counted.services.find((service) => service.name === response.service)?.outbox ?? false
      return withService(counted, response.service, (service) => written(service, response.event, true, outbox))
    }
    case "ServiceCrashed":
      return withService(counted, response.service, (service) => written(service, response.event, response.committed, response.committed && service.outbox))
    case "EventExists":
      return withService(counted, response.service, (service) => written(service, response.event, true, false))
    case "Relayed":
      return withService(counted, response.service, (service) => ({ ...service, pending: Math.max(0, service.pending - 1) }))
    case "OutboxEmpty":
      return withService(counted, response.service, (service) => ({ ...service, pending: 0 }))
    case "ServiceListed":
      return withService(counted, response.service, (service) => ({
        ...service,
        committed: new Set(response.rows.map((row) => row.event)),
        pending: response.outbox.filter((row) => !row.published).length
      }))
    case "EffectsListed": {
      const dedup = counted.dedup.get(response.group)
      if (dedup === undefined) return counted
      const map = new Map(counted.dedup)
      map.set(response.group, { ...dedup, remembered: response.remembered })
      return { ...counted, dedup: map }
    }
    case "ClockAdvanced":
      return forgotten(counted, nowMs)
    default:
      return counted
  }
}

/** Whether the command processed a record of a group whose dedup order is `effect-then-key`. */
const isEffectThenKey = (command: Command, external: ExternalView): boolean =>
  command._tag === "ConsumerProcess" && (external.dedup.get(command.group)?.effectThenKey ?? false)
