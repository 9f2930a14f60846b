/**
 * OutboxNeverLosesACommittedEvent: every business write an `outbox` service
 * committed is published by its relay, at least once. Judged on the services
 * whose drain the history shows complete (see `internal/drainedServices.ts`).
 *
 * @module
 */
import type { Config, History } from "../../spec/index.ts"
import type { GuaranteeCheck, Violation } from "./check.ts"
import { undrainedServicesOf } from "./internal/drainedServices.ts"
import { dumpedLogsOf } from "./internal/dumps.ts"
import { publishedEventsOf, serviceHistoryOf, servicesOfMode } from "./internal/services.ts"

/** The drained `outbox` services' first `ServiceWritten` event that no dumped record of the service's producer holds; reported at the last step. */
const always = (history: History, config: Config): Violation | undefined => {
  const services = servicesOfMode(config, ["outbox"])
  if (services.length === 0) return undefined
  const undrained = undrainedServicesOf(history, config)
  const logs = dumpedLogsOf(history)
  for (const service of services) {
    if (undrained.has(service.name)) continue
    const published = new Set(publishedEventsOf(logs, config, service).map((record) => record.event))
    const lost = serviceHistoryOf(history).of(service.name).writes.find((write) => !write.crashed && !published.has(write.event))
    if (lost === undefined) continue
    return {
      step: history.length - 1,
      message: `outbox service ${service.name} committed event ${JSON.stringify(lost.event)} at step ${lost.step + 1}, but by the end of the history no record of ${service.topic} holds it`
    }
  }
  return undefined
}

/** An outbox relay crashed between its send and its mark, and the event was sent again by a later relay. */
const sometimes = (history: History, config: Config): boolean => {
  const services = servicesOfMode(config, ["outbox"])
  const all = serviceHistoryOf(history)
  return services.some((service) => {
    const relays = all.of(service.name).relays
    return relays.some((crash) => crash.crashed && relays.some((again) => again.step > crash.step && again.event === crash.event))
  })
}

/** The checker of OutboxNeverLosesACommittedEvent. */
export const outboxNeverLosesACommittedEvent: GuaranteeCheck = {
  id: "OutboxNeverLosesACommittedEvent",
  always,
  sometimes,
  judgesDrainedHistory: true,
  undrainedOf: (history, config) => {
    const outboxes = new Set(servicesOfMode(config, ["outbox"]).map((service) => service.name))
    return new Map([...undrainedServicesOf(history, config)].filter(([service]) => outboxes.has(service)))
  },
  notApplicableReason: (config) => (servicesOfMode(config, ["outbox"]).length > 0 ? undefined : "needs a service with publish \"outbox\"; the config has none")
}
