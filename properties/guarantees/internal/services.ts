/**
 * What a history's answers say about the services (outside the broker): each
 * service's writes (`ServiceWritten`, `ServiceCrashed`), its relay's sends
 * (`Relayed`, `RelayCrashed`), the steps its relay found the outbox empty,
 * and its listings (`ServiceListed`). The one home of this state for the
 * outbox and dual-write guarantees; built from the answers only.
 *
 * @module
 */
import type { BusinessRow, Config, History, OutboxRow, PartitionOffset, PublishMode, ServiceConfig } from "../../../spec/index.ts"
import { serviceProducerName } from "../../../spec/index.ts"
import type { DumpedLogs } from "./dumps.ts"
import { showRecord } from "./keys.ts"
import { memoByHistory } from "./historyMemo.ts"

/** One `ServiceWrite` that was answered `ServiceWritten` (committed, `crashed` false) or `ServiceCrashed`. */
export interface ServiceWriteAnswer {
  readonly step: number
  readonly event: string
  readonly committed: boolean
  readonly sent: PartitionOffset | undefined
  readonly crashed: boolean
}

/** One `RelayPublish` answered `Relayed` or `RelayCrashed` (`crashed` true: the row stays unpublished). */
export interface RelayAnswer {
  readonly step: number
  readonly event: string
  /** Where the relay sent the event; absent only when a relay crashed before its send. */
  readonly sent: PartitionOffset | undefined
  readonly crashed: boolean
}

/** One `ServiceListed` answer. */
export interface ServiceListing {
  readonly step: number
  readonly rows: ReadonlyArray<BusinessRow>
  readonly outbox: ReadonlyArray<OutboxRow>
}

/** One service as the answers show it. */
export interface ServiceView {
  readonly writes: Array<ServiceWriteAnswer>
  readonly relays: Array<RelayAnswer>
  /** The steps of its `OutboxEmpty` answers. */
  readonly emptySteps: Array<number>
  readonly listings: Array<ServiceListing>
}

const emptyView = (): ServiceView => ({ writes: [], relays: [], emptySteps: [], listings: [] })

/** The services of one history, by name; see the module comment. */
export class ServiceHistory {
  private readonly views = new Map<string, ServiceView>()

  /** The view of one service (empty when no answer names it). */
  of(service: string): ServiceView {
    let view = this.views.get(service)
    if (view === undefined) this.views.set(service, (view = emptyView()))
    return view
  }
}

/** The services the history shows (see {@link ServiceHistory}). */
export const serviceHistoryOf: (history: History) => ServiceHistory = memoByHistory((history) => {
  const services = new ServiceHistory()
  history.forEach(({ response }, step) => {
    switch (response._tag) {
      case "ServiceWritten":
        services.of(response.service).writes.push({ step, event: response.event, committed: true, sent: response.sent, crashed: false })
        return
      case "ServiceCrashed":
        services.of(response.service).writes.push({ step, event: response.event, committed: response.committed, sent: response.sent, crashed: true })
        return
      case "Relayed":
      case "RelayCrashed":
        services.of(response.service).relays.push({ step, event: response.event, sent: response.sent, crashed: response._tag === "RelayCrashed" })
        return
      case "OutboxEmpty":
        services.of(response.service).emptySteps.push(step)
        return
      case "ServiceListed":
        services.of(response.service).listings.push({ step, rows: response.rows, outbox: response.outbox })
        return
      default:
        return
    }
  })
  return services
})

/** The configured services of these publish modes, in configuration order. */
export const servicesOfMode = (config: Config, modes: ReadonlyArray<PublishMode>): ReadonlyArray<ServiceConfig> =>
  (config.services ?? []).filter((service) => modes.includes(service.publish))

/** A service's record in its topic as the dumps show it: its event (the value), where it sits, and the step of the dump that showed it. */
export interface PublishedEvent {
  readonly event: string
  readonly where: string
  readonly dumpStep: number
}

/** The data entries the service's producer appended to its topic, as the dumps show them, in partition and offset order. */
export const publishedEventsOf = (logs: DumpedLogs, config: Config, service: ServiceConfig): ReadonlyArray<PublishedEvent> => {
  const producer = serviceProducerName(service.name)
  const topic = config.topics.find((candidate) => candidate.name === service.topic)
  const published: Array<PublishedEvent> = []
  for (let partition = 0; partition < (topic?.partitions ?? 0); partition++) {
    const dumped = logs.partition(service.topic, partition)
    if (dumped === undefined) continue
    for (const entry of logs.dataOf(dumped)) {
      if (entry.producer === producer) published.push({ event: entry.value, where: showRecord(service.topic, partition, entry.offset), dumpStep: dumped.step })
    }
  }
  return published
}
