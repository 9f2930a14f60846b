/**
 * OutboxNeverPublishesAnUncommittedEvent: an `outbox` service publishes only
 * events whose business write committed (the outbox row commits with it).
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { undrainedServicesOf } from "./internal/drainedServices.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { publishedEventsOf, serviceHistoryOf, servicesOfMode } from "./internal/services.ts"

const earlier = (a: Violation | undefined, b: Violation | undefined): Violation | undefined =>
  a === undefined || (b !== undefined && b.step < a.step) ? b : a

/**
 * The earliest of, per `outbox` service: a `Relayed` or `RelayCrashed`
 * answer whose event no `ServiceWritten` answer of the service committed
 * before it; a `ServiceListed` answer after such a relay without the event
 * among its business rows; and, for a drained service, a record of its
 * producer in the drain's dumps whose event no `ServiceWritten` answer
 * committed, or that its last `ServiceListed` business rows lack (reported at
 * that listing's step or the dump's, whichever is later).
 */
const always = (history: History, config: Config): Violation | undefined => {
  const services = servicesOfMode(config, ["outbox"])
  if (services.length === 0) return undefined
  const all = serviceHistoryOf(history)
  const undrained = undrainedServicesOf(history, config)
  const logs = dumpedLogsOf(history)
  let first: Violation | undefined
  for (const service of services) {
    const view = all.of(service.name)
    const committedAt = new Map<string, number>()
    for (const write of view.writes) if (!write.crashed && !committedAt.has(write.event)) committedAt.set(write.event, write.step)
    const head = `outbox service ${service.name}`
    for (const relay of view.relays) {
      const written = committedAt.get(relay.event)
      if (written === undefined || written > relay.step) {
        first = earlier(first, {
          step: relay.step,
          message: `${head}'s relay published event ${JSON.stringify(relay.event)}, but no ServiceWritten answer committed it before (step ${relay.step + 1})`
        })
        break
      }
      const listing = view.listings.find((candidate) => candidate.step > relay.step)
      if (listing !== undefined && !listing.rows.some((row) => row.event === relay.event)) {
        first = earlier(first, {
          step: listing.step,
          message: `${head}'s business rows (ServiceListed at step ${listing.step + 1}) lack event ${JSON.stringify(relay.event)}, which its relay published at step ${relay.step + 1}`
        })
        break
      }
    }
    if (undrained.has(service.name)) continue
    const listing = view.listings.at(-1)!
    for (const record of publishedEventsOf(logs, config, service)) {
      const step = Math.max(record.dumpStep, listing.step)
      if (!committedAt.has(record.event)) {
        first = earlier(first, { step, message: `${record.where}, a record of ${head}'s producer, holds event ${JSON.stringify(record.event)}, which no ServiceWritten answer committed` })
        break
      }
      if (!listing.rows.some((row) => row.event === record.event)) {
        first = earlier(first, {
          step,
          message: `${record.where}, a record of ${head}'s producer, holds event ${JSON.stringify(record.event)}, which its business rows (ServiceListed at step ${listing.step + 1}) lack`
        })
        break
      }
    }
  }
  return first
}

/** An outbox service crashed inside its transaction, and its event appeared neither among its rows nor in its topic by the end of its drain. */
const sometimes = (history: History, config: Config): boolean => {
  const services = servicesOfMode(config, ["outbox"])
  if (services.length === 0) return false
  const all = serviceHistoryOf(history)
  const undrained = undrainedServicesOf(history, config)
  const logs = dumpedLogsOf(history)
  return services.some((service) => {
    if (undrained.has(service.name)) return false
    const view = all.of(service.name)
    const appeared = new Set([
      ...view.writes.filter((write) => write.committed).map((write) => write.event),
      ...view.relays.map((relay) => relay.event),
      ...view.listings.flatMap((listing) => [...listing.rows, ...listing.outbox].map((row) => row.event)),
      ...publishedEventsOf(logs, config, service).map((record) => record.event)
    ])
    return view.writes.some((write) => write.crashed && !write.committed && !appeared.has(write.event))
  })
}

/** The checker of OutboxNeverPublishesAnUncommittedEvent. */
export const outboxNeverPublishesAnUncommittedEvent: GuaranteeCheck = {
  id: "OutboxNeverPublishesAnUncommittedEvent",
  always,
  sometimes,
  notApplicableReason: (config) => (servicesOfMode(config, ["outbox"]).length > 0 ? undefined : "needs a service with publish \"outbox\"; the config has none")
}
