/**
 * Drain completeness, per service, as the history itself shows it (the
 * services' counterpart of `drainedGroups.ts`). The final drain relays every
 * outbox until `OutboxEmpty`, dumps every partition and lists every service;
 * the checkers that judge a service's drained history judge only the
 * services this module calls drained.
 *
 * @module
 */
import type { Config, History, ServiceConfig } from "../../../spec/index.ts"
import { lastAppendStepsOf, undumpedReasonOf } from "./appends.ts"
import { dumpedLogsOf } from "./dumps.ts"
import { serviceHistoryOf } from "./services.ts"

/** Why the service's drain is not shown complete, or `undefined` when it is. */
const undrainedReason = (history: History, config: Config, service: ServiceConfig, lastAppendSteps: ReadonlyMap<string, number>): string | undefined => {
  const view = serviceHistoryOf(history).of(service.name)
  const writtenLast = view.writes.at(-1)?.step ?? -1
  if (service.publish === "outbox" && !view.emptySteps.some((step) => step > writtenLast)) {
    return `no RelayPublish of service ${service.name} answered OutboxEmpty${writtenLast >= 0 ? ` after its last write (step ${writtenLast + 1})` : ""}`
  }
  const changedLast = Math.max(writtenLast, view.relays.at(-1)?.step ?? -1)
  if (!view.listings.some((listing) => listing.step > changedLast)) {
    return `no ObserverService lists service ${service.name}${changedLast >= 0 ? ` after its last write or relay (step ${changedLast + 1})` : ""}`
  }
  const topic = config.topics.find((candidate) => candidate.name === service.topic)
  return topic === undefined ? undefined : undumpedReasonOf(dumpedLogsOf(history), lastAppendSteps, topic)
}

/**
 * The configured services whose drain the history does not show complete,
 * each with the reason in one line. A service is drained when:
 *
 * 1. an `outbox` service's relay answered `OutboxEmpty` after its last
 *    `ServiceWrite` answer (every committed event was published);
 * 2. a `ServiceListed` answer lists it after its last write or relay;
 * 3. every partition of its topic was dumped whole (`ObserverDump` from 0)
 *    after its last append.
 */
export const undrainedServicesOf = (history: History, config: Config): ReadonlyMap<string, string> => {
  const undrained = new Map<string, string>()
  const services = config.services ?? []
  if (services.length === 0) return undrained
  const lastAppendSteps = lastAppendStepsOf(history)
  for (const service of services) {
    const reason = undrainedReason(history, config, service, lastAppendSteps)
    if (reason !== undefined) undrained.set(service.name, reason)
  }
  return undrained
}
