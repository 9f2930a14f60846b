/**
 * The figures of one played stream lag run (`streamLagScenario.ts`), read
 * off its answers only: the group's lag at the end of each tick (per
 * partition, the high watermark that `Sent` answers reveal minus the offset
 * the group's `Committed` answers stored, as `qsem check`'s lag line counts
 * it, `properties/stats/lag.ts`), the records processed per tick, the peak
 * and how long the members took to catch up, which members were told they
 * own no partition, and whether every sent record was processed.
 *
 * @module
 */
import type { Response } from "../../spec/response.ts"
import { streamLag, type StreamLagRun } from "./streamLagScenario.ts"

/** What one run showed. Ticks are 1-based; per-tick arrays hold tick 1 first. */
export interface StreamLagFacts {
  readonly run: StreamLagRun
  /** Ticks played: the load, then the catch-up. */
  readonly ticks: number
  /** The group's lag at the end of each tick: the sum over partitions of high watermark minus committed offset. */
  readonly lagPerTick: ReadonlyArray<number>
  /** The largest lag of one partition at the end of each tick. */
  readonly partitionLagMaxPerTick: ReadonlyArray<number>
  /** `Processed` answers in each tick. */
  readonly processedPerTick: ReadonlyArray<number>
  /** The largest lag of {@link lagPerTick}, and the first tick it was reached at. */
  readonly peakLag: number
  readonly peakLagTick: number
  /** The largest lag of one partition at the end of any tick. */
  readonly peakPartitionLag: number
  /** Ticks after the load until the lag was 0 (0: it was 0 at the load's last tick). */
  readonly catchUpTicks: number
  /** Records sent (`Sent` answers). */
  readonly sent: number
  /** Records sent to each partition, partition 0 first. */
  readonly sentPerPartition: ReadonlyArray<number>
  /** Distinct records processed, by partition and offset. */
  readonly processed: number
  /** Sent records never processed. */
  readonly lost: number
  /** `Processed` answers for a record processed before. */
  readonly processedTwice: number
  /** Members whose last assignment (from `Joined`, `HeartbeatOk` or `RebalanceInProgress`) held no partition, in member order. */
  readonly idleMembers: ReadonlyArray<string>
  /** Each member's partitions by that last assignment, and how many records its polls delivered, in member order. */
  readonly assignments: ReadonlyArray<{ readonly member: string; readonly partitions: ReadonlyArray<number>; readonly polled: number }>
}

const maxWithTick = (values: ReadonlyArray<number>): [number, number] => {
  const max = Math.max(0, ...values)
  return [max, values.indexOf(max) + 1]
}

const assignmentOf = (response: Response): { member: string; partitions: Array<number> } | undefined => {
  switch (response._tag) {
    case "Joined":
    case "HeartbeatOk":
    case "RebalanceInProgress":
      return { member: response.member, partitions: response.assignment.map((entry) => entry.partition) }
    default:
      return undefined
  }
}

/** Reads the figures off a played run. */
export const streamLagFactsOf = (run: StreamLagRun): StreamLagFacts => {
  const { responses, tickStarts } = run
  const ticks = tickStarts.length
  const highWatermarks = Array.from({ length: streamLag.partitions }, () => 0)
  const committed = Array.from({ length: streamLag.partitions }, () => 0)
  const sentKeys = new Set<string>()
  const processedKeys = new Set<string>()
  const assignments = new Map<string, Array<number>>()
  const polled = new Map<string, number>()
  const lagPerTick: Array<number> = []
  const partitionLagMaxPerTick: Array<number> = []
  const processedPerTick: Array<number> = Array.from({ length: ticks }, () => 0)
  let processedTwice = 0
  let tick = 0
  const closeTick = () => {
    const lags = highWatermarks.map((highWatermark, p) => highWatermark - committed[p])
    lagPerTick.push(lags.reduce((sum, lag) => sum + lag, 0))
    partitionLagMaxPerTick.push(Math.max(...lags))
  }
  for (let i = 0; i < responses.length; i++) {
    while (tick < ticks && tickStarts[tick] <= i) {
      if (tick > 0) closeTick()
      tick++
    }
    const response = responses[i]
    const assignment = assignmentOf(response)
    if (assignment !== undefined) assignments.set(assignment.member, assignment.partitions)
    switch (response._tag) {
      case "Sent":
        highWatermarks[response.partition] = Math.max(highWatermarks[response.partition], response.offset + 1)
        sentKeys.add(`${response.partition}@${response.offset}`)
        break
      case "Polled":
        polled.set(response.member, (polled.get(response.member) ?? 0) + response.records.length)
        break
      case "Committed":
        for (const entry of response.offsets) committed[entry.partition] = entry.offset
        break
      case "Processed": {
        const key = `${response.partition}@${response.offset}`
        if (processedKeys.has(key)) processedTwice += 1
        processedKeys.add(key)
        if (tick > 0) processedPerTick[tick - 1] += 1
        break
      }
    }
  }
  if (ticks > 0) closeTick()
  const [peakLag, peakLagTick] = maxWithTick(lagPerTick)
  const caughtUp = lagPerTick.findIndex((lag, i) => i + 1 >= streamLag.loadTicks && lag === 0)
  const members = [...assignments.keys()]
  return {
    run,
    ticks,
    lagPerTick,
    partitionLagMaxPerTick,
    processedPerTick,
    peakLag,
    peakLagTick,
    peakPartitionLag: Math.max(0, ...partitionLagMaxPerTick),
    catchUpTicks: caughtUp < 0 ? Number.POSITIVE_INFINITY : caughtUp + 1 - streamLag.loadTicks,
    sent: sentKeys.size,
    sentPerPartition: highWatermarks,
    processed: processedKeys.size,
    lost: [...sentKeys].filter((key) => !processedKeys.has(key)).length,
    processedTwice,
    idleMembers: members.filter((member) => assignments.get(member)?.length === 0),
    assignments: members.map((member) => ({ member, partitions: assignments.get(member) ?? [], polled: polled.get(member) ?? 0 }))
  }
}
