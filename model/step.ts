/**
 * The transition function: one command applied to one state gives the next
 * state and the response, exactly as the doc comments of spec/command.ts
 * (and `spec/command/*.ts`) describe (check order included). Pure: the given state is never changed.
 *
 * @module
 */
import type { Command } from "../spec/command.ts"
import { brokerRestart } from "./commands/brokerRestart.ts"
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
import type { ModelState, Transition } from "./state.ts"

/**
 * Applies one command: the next state and the response. Invalid commands are
 * answered with the spec's typed errors (and leave the state as it was, except
 * that a broker call that passed the membership check still counts as heard
 * from, and `RebalanceInProgress` syncs the client).
 *
 * @example
 * ```ts
 * import { configDefault } from "../spec/config.ts"
 * const { state, response } = step(init(configDefault), { _tag: "GroupJoin", group: "billing", member: "m1" })
 * // response: { _tag: "Joined", group: "billing", member: "m1", generation: 1, assignment: [...5 partitions] }
 * ```
 */
export const step = (state: ModelState, command: Command): Transition => {
  switch (command._tag) {
    case "ProducerSend":
      return producerSend(state, command)
    case "GroupJoin":
      return groupJoin(state, command)
    case "GroupLeave":
      return groupLeave(state, command)
    case "ConsumerHeartbeat":
      return consumerHeartbeat(state, command)
    case "ConsumerPoll":
      return consumerPoll(state, command)
    case "ConsumerProcess":
      return consumerProcess(state, command)
    case "ConsumerCommit":
      return consumerCommit(state, command)
    case "ConsumerSeek":
      return consumerSeek(state, command)
    case "ConsumerCrash":
      return consumerCrash(state, command)
    case "ClockAdvance":
      return clockAdvance(state, command)
    case "ProducerRetry":
      return producerRetry(state, command)
    case "ProducerInit":
      return producerInit(state, command)
    case "ProducerCrash":
      return producerCrash(state, command)
    case "TxnBegin":
      return txnBegin(state, command)
    case "TxnSendOffsets":
      return txnSendOffsets(state, command)
    case "TxnCommit":
      return txnCommit(state, command)
    case "TxnAbort":
      return txnAbort(state, command)
    case "ObserverDump":
      return observerDump(state, command)
    case "ObserverOffsets":
      return observerOffsets(state, command)
    case "ServiceWrite":
      return serviceWrite(state, command)
    case "RelayPublish":
      return relayPublish(state, command)
    case "ObserverEffects":
      return observerEffects(state, command)
    case "ObserverService":
      return observerService(state, command)
    case "QueueSend":
      return queueSend(state, command)
    case "QueueReceive":
      return queueReceive(state, command)
    case "QueueProcess":
      return queueProcess(state, command)
    case "QueueAck":
      return queueAck(state, command)
    case "QueueRelease":
      return queueRelease(state, command)
    case "QueueExtend":
      return queueExtend(state, command)
    case "QueueCrash":
      return queueCrash(state, command)
    case "QueueRedrive":
      return queueRedrive(state, command)
    case "ObserverQueue":
      return observerQueue(state, command)
    case "DownstreamDown":
      return downstreamDown(state, command)
    case "DownstreamUp":
      return downstreamUp(state, command)
    case "DeadLetterRedrive":
      return deadLetterRedrive(state, command)
    case "BrokerRestart":
      return brokerRestart(state, command)
    default:
      throw new Error(`qsem model: unknown command ${JSON.stringify((command as { readonly _tag?: unknown })._tag)}`)
  }
}

/**
 * Applies commands in order from `state`: every response, and the final
 * state. Handy for scenarios, docs and replay.
 */
export const run = (
  state: ModelState,
  commands: Iterable<Command>
): { readonly state: ModelState; readonly responses: ReadonlyArray<Transition["response"]> } => {
  let current = state
  const responses: Array<Transition["response"]> = []
  for (const command of commands) {
    const next = step(current, command)
    current = next.state
    responses.push(next.response)
  }
  return { state: current, responses }
}
