/**
 * The figures of one played bottleneck run (`bottleneckScenario.ts`), read
 * off its answers: the queue's depth and the API's backlog per tick, what
 * the queue blocked, rejected and dropped, what the consumers processed and
 * when, what was lost and whether its producer was told, how long the queue
 * took to drain, and the verdicts of the overflow guarantees' checkers on
 * the run's history.
 *
 * @module
 */
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { History } from "../../spec/history.ts"
import type { Response } from "../../spec/response.ts"
import { guaranteeCheckById } from "../../properties/guarantees/index.ts"
import { bottleneck, type BottleneckRun } from "./bottleneckScenario.ts"

/** The claims whose checkers judge every bottleneck history. */
export const bottleneckGuarantees: ReadonlyArray<GuaranteeId> = ["QueueNoLossUnderAtLeastOnce", "OverflowIsKnownToTheProducer", "DropOverflowLosesSilently"]

/** A checker's verdict on one history: whether its `always` held, and whether its `sometimes` witness showed. */
export interface Verdict {
  readonly guarantee: GuaranteeId
  readonly held: boolean
  readonly witnessed: boolean
}

/** What one run showed. Ticks are 1-based; per-tick arrays hold tick 1 first. */
export interface BottleneckFacts {
  readonly run: BottleneckRun
  /** Ticks played: the load, then the drain. */
  readonly ticks: number
  /** Orders the API produced (distinct values it sent). */
  readonly produced: number
  /** The queue's visible messages after each tick's sends (its first `QueueListed` of the tick): the depth the consumers find. */
  readonly depthPerTick: ReadonlyArray<number>
  /** Orders produced and not yet answered `Enqueued` or `SendRejected` after each tick's sends: what the API holds, waiting. */
  readonly backlogPerTick: ReadonlyArray<number>
  /** `QueueProcessed` answers in each tick. */
  readonly processedPerTick: ReadonlyArray<number>
  /** `SendBlocked` answers (one order may be blocked at several ticks). */
  readonly blocked: number
  /** `SendRejected` answers. */
  readonly rejected: number
  /** `Enqueued` answers that name a `dropped` message. */
  readonly dropped: number
  /** Orders processed (distinct). */
  readonly processed: number
  /** Orders produced and never processed. */
  readonly lost: number
  /** Lost orders whose send was answered `SendRejected`: the producer was told. */
  readonly lostTold: number
  /** Lost orders whose send was answered `Enqueued`: the producer was told nothing. */
  readonly lostSilently: number
  /** The lost orders, in the order of the answers that lost them (a `SendRejected`, or an `Enqueued` naming the order as `dropped`). */
  readonly lostInOrder: ReadonlyArray<string>
  /** Whether the lost orders are exactly the messages `Enqueued` answers named as dropped. */
  readonly lostAreTheDropped: boolean
  /** The largest depth of {@link depthPerTick}, and the first tick it was reached at. */
  readonly peakDepth: number
  readonly peakDepthTick: number
  /** The largest backlog of {@link backlogPerTick}, and the first tick it was reached at. */
  readonly peakBacklog: number
  readonly peakBacklogTick: number
  /** Ticks after the load until the queue and the API's backlog were empty (0: empty at the load's last tick). */
  readonly drainTicks: number
  /** The longest wait of a processed order: the tick it was processed in minus the tick it was produced in. */
  readonly longestWaitTicks: number
  /** Each overflow claim's checker on the run's history. */
  readonly verdicts: ReadonlyArray<Verdict>
}

const maxWithTick = (values: ReadonlyArray<number>): [number, number] => {
  const max = Math.max(0, ...values)
  return [max, values.indexOf(max) + 1]
}

/** Reads the figures off a played run. */
export const bottleneckFactsOf = (run: BottleneckRun): BottleneckFacts => {
  const { commands, responses, tickStarts } = run
  const ticks = tickStarts.length
  const tickOf = (index: number): number => {
    let tick = 0
    while (tick < ticks && tickStarts[tick] <= index) tick++
    return tick
  }
  const valueOfMessage = new Map<number, string>()
  const answersOf = new Map<string, Array<Response["_tag"]>>()
  const droppedIds = new Set<number>()
  const lostInOrder: Array<string> = []
  const processedAt = new Map<string, number>()
  const depthPerTick: Array<number> = Array.from({ length: ticks }, () => 0)
  const backlogPerTick: Array<number> = Array.from({ length: ticks }, () => 0)
  const processedPerTick: Array<number> = Array.from({ length: ticks }, () => 0)
  const listedInTick = new Set<number>()
  let answeredSoFar = 0
  let blocked = 0
  let rejected = 0
  let dropped = 0
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i]
    const response = responses[i]
    const tick = tickOf(i)
    if (command._tag === "QueueSend") {
      const answers = answersOf.get(command.value) ?? []
      answers.push(response._tag)
      answersOf.set(command.value, answers)
    }
    switch (response._tag) {
      case "Enqueued":
        if (command._tag === "QueueSend") valueOfMessage.set(response.messageId, command.value)
        if (response.dropped !== undefined) {
          dropped += 1
          droppedIds.add(response.dropped)
          const value = valueOfMessage.get(response.dropped)
          if (value !== undefined) lostInOrder.push(value)
        }
        answeredSoFar += 1
        break
      case "SendRejected":
        rejected += 1
        if (command._tag === "QueueSend") lostInOrder.push(command.value)
        answeredSoFar += 1
        break
      case "SendBlocked":
        blocked += 1
        break
      case "QueueProcessed": {
        processedPerTick[tick - 1] += 1
        const value = valueOfMessage.get(response.messageId)
        if (value !== undefined && !processedAt.has(value)) processedAt.set(value, tick)
        break
      }
      case "QueueListed":
        if (listedInTick.has(tick)) break
        listedInTick.add(tick)
        depthPerTick[tick - 1] = response.messages.filter((message) => message.inFlightUntilMs === undefined).length
        backlogPerTick[tick - 1] = [...run.producedAt.values()].filter((at) => at <= tick).length - answeredSoFar
        break
    }
  }
  const produced = run.producedAt.size
  const lostValues = [...run.producedAt.keys()].filter((value) => !processedAt.has(value))
  const lostTold = lostValues.filter((value) => answersOf.get(value)?.includes("SendRejected") === true).length
  const lostSilently = lostValues.filter((value) => answersOf.get(value)?.includes("Enqueued") === true).length
  const droppedValues = new Set([...droppedIds].map((id) => valueOfMessage.get(id)))
  const [peakDepth, peakDepthTick] = maxWithTick(depthPerTick)
  const [peakBacklog, peakBacklogTick] = maxWithTick(backlogPerTick)
  const waits = [...processedAt].map(([value, tick]) => tick - (run.producedAt.get(value) ?? tick))
  const history: History = commands.map((command, i) => ({ command, response: responses[i] }))
  return {
    run,
    ticks,
    produced,
    depthPerTick,
    backlogPerTick,
    processedPerTick,
    blocked,
    rejected,
    dropped,
    processed: processedAt.size,
    lost: lostValues.length,
    lostTold,
    lostSilently,
    lostInOrder,
    lostAreTheDropped: droppedValues.size === lostValues.length && lostValues.every((value) => droppedValues.has(value)),
    peakDepth,
    peakDepthTick,
    peakBacklog,
    peakBacklogTick,
    drainTicks: ticks - bottleneck.loadTicks,
    longestWaitTicks: Math.max(0, ...waits),
    verdicts: bottleneckGuarantees.map((guarantee) => {
      const check = guaranteeCheckById(guarantee)
      return { guarantee, held: check.always(history, run.config) === undefined, witnessed: check.sometimes(history, run.config) }
    })
  }
}
