/**
 * DualWriteCanLoseOrInventEvents: a dual-write service loses a committed
 * event or publishes a phantom only when it crashed between its two writes.
 * Judged on the services whose drain the history shows complete (see
 * `internal/drainedServices.ts`).
 *
 * @module
 */
import type { Config, History, PublishMode } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { undrainedServicesOf } from "./internal/drainedServices.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { publishedEventsOf, serviceHistoryOf, type ServiceWriteAnswer, servicesOfMode } from "./internal/services.ts"

const dualWrites: ReadonlyArray<PublishMode> = ["commit-then-send", "send-then-commit"]

/** A crash between the two writes that committed the row and sent nothing. */
const lostByCrash = (write: ServiceWriteAnswer): boolean => write.crashed && write.committed && write.sent === undefined

/** A crash between the two writes that sent the event and committed nothing. */
const phantomByCrash = (write: ServiceWriteAnswer): boolean => write.crashed && !write.committed && write.sent !== undefined

/**
 * For each drained dual-write service, at the last step: the first business
 * row of its last `ServiceListed` answer whose event no record of its
 * producer holds, unless a `ServiceCrashed` of that event committed it
 * unsent; then the first record of its producer in the dumps whose event is
 * no business row, unless a `ServiceCrashed` of that event sent it
 * uncommitted.
 */
const always = (history: History, config: Config): Violation | undefined => {
  const services = servicesOfMode(config, dualWrites)
  if (services.length === 0) return undefined
  const undrained = undrainedServicesOf(history, config)
  const logs = dumpedLogsOf(history)
  const step = history.length - 1
  for (const service of services) {
    if (undrained.has(service.name)) continue
    const view = serviceHistoryOf(history).of(service.name)
    const listing = view.listings.at(-1)!
    const published = publishedEventsOf(logs, config, service)
    const publishedEvents = new Set(published.map((record) => record.event))
    const head = `${service.publish} service ${service.name}`
    for (const row of listing.rows) {
      if (publishedEvents.has(row.event) || view.writes.some((write) => write.event === row.event && lostByCrash(write))) continue
      return {
        step,
        message: `${head}'s business row of event ${JSON.stringify(row.event)} (ServiceListed at step ${listing.step + 1}) is in no record of ${service.topic}, and no crash between its two writes lost it`
      }
    }
    const rows = new Set(listing.rows.map((row) => row.event))
    for (const record of published) {
      if (rows.has(record.event) || view.writes.some((write) => write.event === record.event && phantomByCrash(write))) continue
      return {
        step,
        message: `${record.where}, a record of ${head}'s producer, holds event ${JSON.stringify(record.event)}, which is no business row (ServiceListed at step ${
          listing.step + 1
        }), and no crash between its two writes published it uncommitted`
      }
    }
  }
  return undefined
}

/**
 * Each dual-write mode the config's services use shows its failure on a
 * drained service: a `commit-then-send` service's crash left a committed row
 * never published, a `send-then-commit` service's crash left a published
 * event that is no row (a config with one of the two modes witnesses that one).
 */
const sometimes = (history: History, config: Config): boolean => {
  const services = servicesOfMode(config, dualWrites)
  if (services.length === 0) return false
  const undrained = undrainedServicesOf(history, config)
  const logs = dumpedLogsOf(history)
  const shows = (service: (typeof services)[number]): boolean => {
    if (undrained.has(service.name)) return false
    const view = serviceHistoryOf(history).of(service.name)
    const rows = new Set(view.listings.at(-1)!.rows.map((row) => row.event))
    const published = new Set(publishedEventsOf(logs, config, service).map((record) => record.event))
    return service.publish === "commit-then-send"
      ? view.writes.some((write) => lostByCrash(write) && rows.has(write.event) && !published.has(write.event))
      : view.writes.some((write) => phantomByCrash(write) && published.has(write.event) && !rows.has(write.event))
  }
  return dualWrites.every((mode) => {
    const ofMode = services.filter((service) => service.publish === mode)
    return ofMode.length === 0 || ofMode.some(shows)
  })
}

/** The checker of DualWriteCanLoseOrInventEvents. */
export const dualWriteCanLoseOrInventEvents: GuaranteeCheck = {
  id: "DualWriteCanLoseOrInventEvents",
  always,
  sometimes,
  judgesDrainedHistory: true,
  undrainedOf: (history, config) => {
    const dual = new Set(servicesOfMode(config, dualWrites).map((service) => service.name))
    return new Map([...undrainedServicesOf(history, config)].filter(([service]) => dual.has(service)))
  },
  notApplicableReason: (config) =>
    servicesOfMode(config, dualWrites).length > 0
      ? undefined
      : "needs a service with a dual write (publish \"commit-then-send\" or \"send-then-commit\"); the config has none"
}
