/**
 * The broker: dispatches each command to its handler and, at this boundary
 * only, turns the typed broker errors into the spec's error Responses, so
 * `execute` never fails or dies on an invalid command. Under the Effect
 * services the broker is a synchronous core (plain state machines): a
 * command reads the Clock once, then runs to its end in one synchronous
 * step, so commands never interleave, whoever runs `execute` concurrently.
 *
 * @module
 */
import { Clock, Context, Effect, Layer } from "effect"
import type { Command } from "../spec/command.ts"
import type { Response } from "../spec/response.ts"
import type { Assignor } from "./assignor.ts"
import { BrokerClock } from "./brokerClock.ts"
import type { BrokerConfig } from "./brokerConfig.ts"
import { makeClockAdvance } from "./commands/clockAdvance.ts"
import { makeConsumerCommit } from "./commands/consumerCommit.ts"
import { makeConsumerCrash } from "./commands/consumerCrash.ts"
import { makeConsumerHeartbeat } from "./commands/consumerHeartbeat.ts"
import { makeConsumerPoll } from "./commands/consumerPoll.ts"
import { makeConsumerProcess } from "./commands/consumerProcess.ts"
import { makeConsumerSeek } from "./commands/consumerSeek.ts"
import { makeDeadLetterRedrive } from "./commands/deadLetterRedrive.ts"
import { makeDownstreamDown } from "./commands/downstreamDown.ts"
import { makeDownstreamUp } from "./commands/downstreamUp.ts"
import { makeGroupJoin } from "./commands/groupJoin.ts"
import { makeGroupLeave } from "./commands/groupLeave.ts"
import { makeObserverDump } from "./commands/observerDump.ts"
import { makeObserverEffects } from "./commands/observerEffects.ts"
import { makeObserverOffsets } from "./commands/observerOffsets.ts"
import { makeObserverQueue } from "./commands/observerQueue.ts"
import { makeObserverService } from "./commands/observerService.ts"
import { makeProducerCrash } from "./commands/producerCrash.ts"
import { makeProducerInit } from "./commands/producerInit.ts"
import { makeProducerRetry } from "./commands/producerRetry.ts"
import { makeProducerSend } from "./commands/producerSend.ts"
import { makeQueueAck } from "./commands/queueAck.ts"
import { makeQueueCrash } from "./commands/queueCrash.ts"
import { makeBrokerRestart } from "./commands/brokerRestart.ts"
import { makeQueueExtend } from "./commands/queueExtend.ts"
import { makeQueueProcess } from "./commands/queueProcess.ts"
import { makeQueueReceive } from "./commands/queueReceive.ts"
import { makeQueueRedrive } from "./commands/queueRedrive.ts"
import { makeQueueRelease } from "./commands/queueRelease.ts"
import { makeQueueSend } from "./commands/queueSend.ts"
import { makeRelayPublish } from "./commands/relayPublish.ts"
import { makeServiceWrite } from "./commands/serviceWrite.ts"
import { makeTxnAbort } from "./commands/txnAbort.ts"
import { makeTxnBegin } from "./commands/txnBegin.ts"
import { makeTxnCommit } from "./commands/txnCommit.ts"
import { makeTxnSendOffsets } from "./commands/txnSendOffsets.ts"
import type { ConsumerClients } from "./consumerClients.ts"
import type { EffectStore } from "./effect/effectStoreShape.ts"
import { isBrokerError } from "./errors.ts"
import type { ProcessAttempts } from "./failure/attempts.ts"
import type { CircuitBreaker } from "./failure/circuitBreaker.ts"
import type { DeadLetterLedger } from "./failure/deadLetterLedger.ts"
import type { DeadLetterPublisher } from "./failure/deadLetterPublisher.ts"
import type { Downstream } from "./failure/downstream.ts"
import type { PoisonCheck } from "./failure/poisonCheck.ts"
import type { RetryPolicy } from "./failure/retryPolicy.ts"
import type { GroupCoordinator } from "./groupCoordinator.ts"
import { toResponse } from "./internal/toResponse.ts"
import type { LogStore } from "./logStore.ts"
import type { OffsetStore } from "./offsetStore.ts"
import type { Partitioner } from "./partitioner.ts"
import type { Idempotence } from "./producer/idempotence.ts"
import type { ProducerClients } from "./producer/producerClients.ts"
import type { ProducerTransport } from "./producer/transport.ts"
import type { FifoGroups } from "./queue/fifoGroups.ts"
import type { QueueConfigs } from "./queue/queueConfigs.ts"
import type { QueueConsumers } from "./queue/queueConsumers.ts"
import type { QueueDedup } from "./queue/queueDedup.ts"
import type { QueueStore } from "./queue/queueStore.ts"
import type { RedrivePolicy } from "./queue/redrivePolicy.ts"
import type { QueueVisibility } from "./queue/visibility.ts"
import type { OutboxRelay } from "./service/outboxRelay.ts"
import type { ServiceStore } from "./service/serviceStoreShape.ts"
import type { TransactionCoordinator } from "./transaction/coordinator.ts"

/** Every service the broker is made of. */
export type BrokerServices =
  | BrokerConfig
  | BrokerClock
  | LogStore
  | Partitioner
  | Assignor
  | OffsetStore
  | GroupCoordinator
  | ConsumerClients
  | Idempotence
  | ProducerClients
  | ProducerTransport
  | TransactionCoordinator
  | EffectStore
  | ServiceStore
  | OutboxRelay
  | QueueConfigs
  | QueueVisibility
  | FifoGroups
  | RedrivePolicy
  | QueueDedup
  | QueueConsumers
  | QueueStore
  | ProcessAttempts
  | RetryPolicy
  | CircuitBreaker
  | Downstream
  | PoisonCheck
  | DeadLetterLedger
  | DeadLetterPublisher

/**
 * Executes commands one at a time (each runs to its end synchronously); an
 * invalid command is answered with a typed error Response.
 */
export interface BrokerShape {
  readonly execute: (command: Command) => Effect.Effect<Response>
}

/** Builds the dispatcher over the handlers of every command. */
export const makeBroker: Effect.Effect<BrokerShape, never, BrokerServices> = Effect.gen(function*() {
  const producerSend = yield* makeProducerSend
  const groupJoin = yield* makeGroupJoin
  const groupLeave = yield* makeGroupLeave
  const consumerHeartbeat = yield* makeConsumerHeartbeat
  const consumerPoll = yield* makeConsumerPoll
  const consumerProcess = yield* makeConsumerProcess
  const consumerCommit = yield* makeConsumerCommit
  const consumerSeek = yield* makeConsumerSeek
  const consumerCrash = yield* makeConsumerCrash
  const clockAdvance = yield* makeClockAdvance
  const producerRetry = yield* makeProducerRetry
  const producerInit = yield* makeProducerInit
  const producerCrash = yield* makeProducerCrash
  const txnBegin = yield* makeTxnBegin
  const txnSendOffsets = yield* makeTxnSendOffsets
  const txnCommit = yield* makeTxnCommit
  const txnAbort = yield* makeTxnAbort
  const observerDump = yield* makeObserverDump
  const observerOffsets = yield* makeObserverOffsets
  const serviceWrite = yield* makeServiceWrite
  const relayPublish = yield* makeRelayPublish
  const observerEffects = yield* makeObserverEffects
  const observerService = yield* makeObserverService
  const queueSend = yield* makeQueueSend
  const queueReceive = yield* makeQueueReceive
  const queueProcess = yield* makeQueueProcess
  const queueAck = yield* makeQueueAck
  const queueRelease = yield* makeQueueRelease
  const queueExtend = yield* makeQueueExtend
  const queueCrash = yield* makeQueueCrash
  const queueRedrive = yield* makeQueueRedrive
  const observerQueue = yield* makeObserverQueue
  const downstreamDown = yield* makeDownstreamDown
  const downstreamUp = yield* makeDownstreamUp
  const deadLetterRedrive = yield* makeDeadLetterRedrive
  const brokerRestart = yield* makeBrokerRestart

  const clock = yield* BrokerClock

  /** The command's handler run; a broker error it throws is its answer, anything else thrown a defect. */
  const dispatch = (command: Command): Response => {
    switch (command._tag) {
      case "ProducerSend":
        return producerSend(command)
      case "GroupJoin":
        return groupJoin(command)
      case "GroupLeave":
        return groupLeave(command)
      case "ConsumerHeartbeat":
        return consumerHeartbeat(command)
      case "ConsumerPoll":
        return consumerPoll(command)
      case "ConsumerProcess":
        return consumerProcess(command)
      case "ConsumerCommit":
        return consumerCommit(command)
      case "ConsumerSeek":
        return consumerSeek(command)
      case "ConsumerCrash":
        return consumerCrash(command)
      case "ClockAdvance":
        return clockAdvance(command)
      case "ProducerRetry":
        return producerRetry(command)
      case "ProducerInit":
        return producerInit(command)
      case "ProducerCrash":
        return producerCrash(command)
      case "TxnBegin":
        return txnBegin(command)
      case "TxnSendOffsets":
        return txnSendOffsets(command)
      case "TxnCommit":
        return txnCommit(command)
      case "TxnAbort":
        return txnAbort(command)
      case "ObserverDump":
        return observerDump(command)
      case "ObserverOffsets":
        return observerOffsets(command)
      case "ServiceWrite":
        return serviceWrite(command)
      case "RelayPublish":
        return relayPublish(command)
      case "ObserverEffects":
        return observerEffects(command)
      case "ObserverService":
        return observerService(command)
      case "QueueSend":
        return queueSend(command)
      case "QueueReceive":
        return queueReceive(command)
      case "QueueProcess":
        return queueProcess(command)
      case "QueueAck":
        return queueAck(command)
      case "QueueRelease":
        return queueRelease(command)
      case "QueueExtend":
        return queueExtend(command)
      case "QueueCrash":
        return queueCrash(command)
      case "QueueRedrive":
        return queueRedrive(command)
      case "ObserverQueue":
        return observerQueue(command)
      case "DownstreamDown":
        return downstreamDown(command)
      case "DownstreamUp":
        return downstreamUp(command)
      case "DeadLetterRedrive":
        return deadLetterRedrive(command)
      case "BrokerRestart":
        return brokerRestart(command)
      default:
        // Not a Command at all (a decoded trace or a typed caller never gets here): a defect.
        throw new Error(`not a qsem command: ${JSON.stringify(command satisfies never)}`)
    }
  }

  const run = (command: Command, clockMs: number): Response => {
    clock.observe(clockMs)
    try {
      return dispatch(command)
    } catch (error) {
      if (isBrokerError(error)) return toResponse(error)
      throw error
    }
  }

  return { execute: (command) => Clock.clockWith((current) => Effect.sync(() => run(command, current.currentTimeMillisUnsafe()))) }
})

/** The broker: one command in, one Response out. */
export class Broker extends Context.Service<Broker, BrokerShape>()("qsem/impl/Broker") {
  /** The broker over its services. */
  static readonly layer: Layer.Layer<Broker, never, BrokerServices> = Layer.effect(Broker, makeBroker)
}
