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
import { Assignor } from "./assignor.ts"
import { BrokerClock } from "./brokerClock.ts"
import { BrokerConfig } from "./brokerConfig.ts"
import { clockAdvance } from "./commands/clockAdvance.ts"
import { consumerCommit } from "./commands/consumerCommit.ts"
import { consumerCrash } from "./commands/consumerCrash.ts"
import { consumerHeartbeat } from "./commands/consumerHeartbeat.ts"
import { consumerPoll } from "./commands/consumerPoll.ts"
import { consumerProcess } from "./commands/consumerProcess.ts"
import { consumerSeek } from "./commands/consumerSeek.ts"
import { deadLetterRedrive } from "./commands/deadLetterRedrive.ts"
import { downstreamDown } from "./commands/downstreamDown.ts"
import { downstreamUp } from "./commands/downstreamUp.ts"
import { groupJoin } from "./commands/groupJoin.ts"
import { groupLeave } from "./commands/groupLeave.ts"
import { observerDump } from "./commands/observerDump.ts"
import { observerEffects } from "./commands/observerEffects.ts"
import { observerOffsets } from "./commands/observerOffsets.ts"
import { observerQueue } from "./commands/observerQueue.ts"
import { observerService } from "./commands/observerService.ts"
import { producerCrash } from "./commands/producerCrash.ts"
import { producerInit } from "./commands/producerInit.ts"
import { producerRetry } from "./commands/producerRetry.ts"
import { producerSend } from "./commands/producerSend.ts"
import { queueAck } from "./commands/queueAck.ts"
import { queueCrash } from "./commands/queueCrash.ts"
import { brokerRestart } from "./commands/brokerRestart.ts"
import { queueExtend } from "./commands/queueExtend.ts"
import { queueProcess } from "./commands/queueProcess.ts"
import { queueReceive } from "./commands/queueReceive.ts"
import { queueRedrive } from "./commands/queueRedrive.ts"
import { queueRelease } from "./commands/queueRelease.ts"
import { queueSend } from "./commands/queueSend.ts"
import { relayPublish } from "./commands/relayPublish.ts"
import { serviceWrite } from "./commands/serviceWrite.ts"
import { txnAbort } from "./commands/txnAbort.ts"
import { txnBegin } from "./commands/txnBegin.ts"
import { txnCommit } from "./commands/txnCommit.ts"
import { txnSendOffsets } from "./commands/txnSendOffsets.ts"
import { ConsumerClients } from "./consumerClients.ts"
import { EffectStore } from "./effect/effectStoreShape.ts"
import { messageVersionsOf } from "./effect/messageVersions.ts"
import { isBrokerError } from "./errors.ts"
import { ProcessAttempts } from "./failure/attempts.ts"
import { CircuitBreaker } from "./failure/circuitBreaker.ts"
import { DeadLetterLedger } from "./failure/deadLetterLedger.ts"
import { DeadLetterPublisher } from "./failure/deadLetterPublisher.ts"
import { Downstream } from "./failure/downstream.ts"
import { PoisonCheck } from "./failure/poisonCheck.ts"
import { RetryPolicy } from "./failure/retryPolicy.ts"
import { GroupCoordinator } from "./groupCoordinator.ts"
import { toResponse } from "./internal/toResponse.ts"
import type { Services } from "./services.ts"
import { LogStore } from "./logStore.ts"
import { OffsetStore } from "./offsetStore.ts"
import { Partitioner } from "./partitioner.ts"
import { Idempotence } from "./producer/idempotence.ts"
import { ProducerClients } from "./producer/producerClients.ts"
import { ProducerTransport } from "./producer/transport.ts"
import { FifoGroups } from "./queue/fifoGroups.ts"
import { QueueOverflowPolicy } from "./queue/overflow.ts"
import { QueueConfigs } from "./queue/queueConfigs.ts"
import { QueueConsumers } from "./queue/queueConsumers.ts"
import { QueueDedup } from "./queue/queueDedup.ts"
import { QueueStore } from "./queue/queueStore.ts"
import { RedrivePolicy } from "./queue/redrivePolicy.ts"
import { QueueVisibility } from "./queue/visibility.ts"
import { OutboxRelay } from "./service/outboxRelay.ts"
import { ServiceStore } from "./service/serviceStoreShape.ts"
import { TransactionCoordinator } from "./transaction/coordinator.ts"

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
  | QueueOverflowPolicy
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

/** Runs the command's handler; a broker error it throws propagates (the caller answers it), anything else thrown is a defect. */
const dispatch = (s: Services, command: Command): Response => {
  switch (command._tag) {
    case "ProducerSend":
      return producerSend(s, command)
    case "GroupJoin":
      return groupJoin(s, command)
    case "GroupLeave":
      return groupLeave(s, command)
    case "ConsumerHeartbeat":
      return consumerHeartbeat(s, command)
    case "ConsumerPoll":
      return consumerPoll(s, command)
    case "ConsumerProcess":
      return consumerProcess(s, command)
    case "ConsumerCommit":
      return consumerCommit(s, command)
    case "ConsumerSeek":
      return consumerSeek(s, command)
    case "ConsumerCrash":
      return consumerCrash(s, command)
    case "ClockAdvance":
      return clockAdvance(s, command)
    case "ProducerRetry":
      return producerRetry(s, command)
    case "ProducerInit":
      return producerInit(s, command)
    case "ProducerCrash":
      return producerCrash(s, command)
    case "TxnBegin":
      return txnBegin(s, command)
    case "TxnSendOffsets":
      return txnSendOffsets(s, command)
    case "TxnCommit":
      return txnCommit(s, command)
    case "TxnAbort":
      return txnAbort(s, command)
    case "ObserverDump":
      return observerDump(s, command)
    case "ObserverOffsets":
      return observerOffsets(s, command)
    case "ServiceWrite":
      return serviceWrite(s, command)
    case "RelayPublish":
      return relayPublish(s, command)
    case "ObserverEffects":
      return observerEffects(s, command)
    case "ObserverService":
      return observerService(s, command)
    case "QueueSend":
      return queueSend(s, command)
    case "QueueReceive":
      return queueReceive(s, command)
    case "QueueProcess":
      return queueProcess(s, command)
    case "QueueAck":
      return queueAck(s, command)
    case "QueueRelease":
      return queueRelease(s, command)
    case "QueueExtend":
      return queueExtend(s, command)
    case "QueueCrash":
      return queueCrash(s, command)
    case "QueueRedrive":
      return queueRedrive(s, command)
    case "ObserverQueue":
      return observerQueue(s, command)
    case "DownstreamDown":
      return downstreamDown(s, command)
    case "DownstreamUp":
      return downstreamUp(s, command)
    case "DeadLetterRedrive":
      return deadLetterRedrive(s, command)
    case "BrokerRestart":
      return brokerRestart(s, command)
    default:
      // Not a Command at all (a decoded trace or a typed caller never gets here): a defect.
      throw new Error(`not a qsem command: ${JSON.stringify(command satisfies never)}`)
  }
}

/**
 * The broker over a session's services: `execute` reads the Clock once,
 * hands it to the broker's clock, and runs the command to its end in one
 * synchronous step; a broker error the handler throws is its answer, as the
 * spec's error Response.
 */
export const brokerOf = (services: Services): BrokerShape => ({
  execute(command) {
    return Clock.clockWith((clock) => Effect.sync(() => runCommand(services, command, clock.currentTimeMillisUnsafe())))
  }
})

/** One command at the Clock's reading `clockMs`: its handler's answer, or the broker error it threw as its Response. */
const runCommand = (services: Services, command: Command, clockMs: number): Response => {
  services.clock.observe(clockMs)
  try {
    return dispatch(services, command)
  } catch (error) {
    if (isBrokerError(error)) return toResponse(error)
    throw error
  }
}

/** The session's {@link Services} from the broker's Context (its index of message versions made afresh). */
export const servicesFromContext: Effect.Effect<Services, never, BrokerServices> = Effect.gen(function*() {
  const logStore = yield* LogStore
  return {
    config: yield* BrokerConfig,
    clock: yield* BrokerClock,
    queueConfigs: yield* QueueConfigs,
    logStore,
    partitioner: yield* Partitioner,
    assignor: yield* Assignor,
    offsetStore: yield* OffsetStore,
    idempotence: yield* Idempotence,
    producerClients: yield* ProducerClients,
    groupCoordinator: yield* GroupCoordinator,
    consumerClients: yield* ConsumerClients,
    transactionCoordinator: yield* TransactionCoordinator,
    producerTransport: yield* ProducerTransport,
    effectStore: yield* EffectStore,
    serviceStore: yield* ServiceStore,
    outboxRelay: yield* OutboxRelay,
    queueVisibility: yield* QueueVisibility,
    fifoGroups: yield* FifoGroups,
    redrivePolicy: yield* RedrivePolicy,
    queueDedup: yield* QueueDedup,
    queueConsumers: yield* QueueConsumers,
    queueOverflow: yield* QueueOverflowPolicy,
    queueStore: yield* QueueStore,
    processAttempts: yield* ProcessAttempts,
    retryPolicy: yield* RetryPolicy,
    circuitBreaker: yield* CircuitBreaker,
    downstream: yield* Downstream,
    poisonCheck: yield* PoisonCheck,
    deadLetterLedger: yield* DeadLetterLedger,
    deadLetterPublisher: yield* DeadLetterPublisher,
    messageVersions: messageVersionsOf(logStore)
  }
})

/** Builds the broker ({@link brokerOf}) over the services of its Context. */
export const makeBroker: Effect.Effect<BrokerShape, never, BrokerServices> = Effect.map(servicesFromContext, brokerOf)

/** The broker: one command in, one Response out. */
export class Broker extends Context.Service<Broker, BrokerShape>()("qsem/impl/Broker") {
  /** The broker over its services. */
  static readonly layer: Layer.Layer<Broker, never, BrokerServices> = Layer.effect(Broker, makeBroker)
}
