/**
 * A run as a Mermaid sequence diagram: producers, members and services talk
 * to the broker; a processing with an external effect talks to the effect
 * store outside it; crashes and clock moves are notes.
 *
 * @module
 */
import { type Command, producerOf } from "../../spec/command.ts"
import type { Response } from "../../spec/response.ts"
import { formatPartitionOffset } from "../../properties/format/command.ts"
import { formatResponse } from "../../properties/format/response.ts"

const actorOf = (command: Command): string | undefined => {
  const producer = producerOf(command)
  if (producer !== undefined) return producer
  switch (command._tag) {
    case "ObserverDump":
    case "ObserverOffsets":
    case "ObserverEffects":
    case "ObserverService":
    case "ObserverQueue":
      return "observer"
    case "QueueSend":
      return command.sender
    case "QueueRedrive":
      return "operator"
    case "DownstreamDown":
    case "DownstreamUp":
      return `downstream of ${command.group}`
    case "DeadLetterRedrive":
      return `dead-letter redrive of ${command.group}`
    case "ServiceWrite":
      return `service ${command.service}`
    case "RelayPublish":
      return `relay of ${command.service}`
    default:
      if ("consumer" in command) return `${command.queue}/${command.consumer}`
      return "member" in command ? `${command.group}/${command.member}` : undefined
  }
}

const idOf = (actor: string): string => actor.replace(/[^A-Za-z0-9]/g, "_")

/** Mermaid reads `;` and `#` as syntax: they become spaces (a message id's `#` just goes: `Received [0(r0 n=1)]`, `Acknowledged 0`). */
const clean = (text: string): string => text.replace(/(^|[ [])#(?=\d)/g, "$1").replace(/[;#]/g, " ").replace(/->/g, "to")

const midway = (crashMidway: true | undefined): string => (crashMidway === true ? " (crash midway)" : "")

const requestOf = (command: Command): string => {
  switch (command._tag) {
    case "ProducerSend":
      return `send ${command.topic}${command.key === undefined ? "" : ` key=${command.key}`} ${command.value}${
        command.ackLost === true ? " (ack lost)" : ""
      }`
    case "ProducerRetry":
      return `retry${command.ackLost === true ? " (ack lost)" : ""}`
    case "ProducerInit":
      return "init transactions"
    case "ProducerCrash":
      return "crash"
    case "TxnBegin":
      return "begin transaction"
    case "TxnSendOffsets":
      return `send offsets of ${command.group}/${command.member} ${command.offsets.map(formatPartitionOffset).join(" ")}`
    case "TxnCommit":
      return "commit transaction"
    case "TxnAbort":
      return "abort transaction"
    case "ObserverDump":
      return `dump ${command.topic}/${command.partition} from ${command.offset}`
    case "ObserverOffsets":
      return `offsets of ${command.group}`
    case "ObserverEffects":
      return `effects of ${command.group}`
    case "ObserverService":
      return `tables of ${command.service}`
    case "ServiceWrite":
      return `write ${command.event}${command.key === undefined ? "" : ` key=${command.key}`}${midway(command.crashMidway)}`
    case "RelayPublish":
      return `relay next outbox row${midway(command.crashMidway)}`
    case "GroupJoin":
      return "join"
    case "GroupLeave":
      return "leave"
    case "ConsumerHeartbeat":
      return "heartbeat"
    case "ConsumerPoll":
      return `poll max=${command.recordsMax}`
    case "ConsumerProcess":
      return `process ${formatPartitionOffset(command)}${midway(command.crashMidway)}`
    case "ConsumerCommit":
      return `commit ${command.offsets.map(formatPartitionOffset).join(" ")}`
    case "ConsumerSeek":
      return `seek ${formatPartitionOffset(command)}`
    case "ConsumerCrash":
      return "crash"
    case "ClockAdvance":
      return `clock +${command.ms}ms`
    case "QueueSend":
      return `send ${command.queue}${command.group === undefined ? "" : ` group=${command.group}`}${
        command.dedupId === undefined ? "" : ` dedup=${command.dedupId}`
      } ${command.value}`
    case "QueueReceive":
      return `receive max=${command.messagesMax}`
    case "QueueProcess":
      return `process receipt ${command.receipt}`
    case "QueueAck":
      return `delete receipt ${command.receipt}`
    case "QueueRelease":
      return `release receipt ${command.receipt}`
    case "QueueExtend":
      return `extend receipt ${command.receipt} by ${command.ms}ms`
    case "QueueCrash":
      return "crash"
    case "QueueRedrive":
      return `redrive ${command.queue}`
    case "ObserverQueue":
      return `list ${command.queue}`
    case "DownstreamDown":
      return "goes down"
    case "DownstreamUp":
      return "comes back"
    case "DeadLetterRedrive":
      return "redrive dead letters"
    case "BrokerRestart":
      return "restart (SIGKILL)"
  }
}

/**
 * Commands the client handles alone (or that end it): drawn as notes over
 * their actor, not as requests; except when the answer says the step sent
 * to the broker (an exactly-once result, a service's event) or wrote to the
 * effect store (drawn as a call to the store).
 */
const localOnly: ReadonlySet<Command["_tag"]> = new Set([
  "ConsumerProcess",
  "ConsumerCrash",
  "ConsumerSeek",
  "QueueProcess",
  "QueueCrash",
  "ProducerCrash",
  "TxnBegin",
  "ServiceWrite",
  "RelayPublish"
])

/** Whether an answer says the step wrote to (or listed) a group's effect store: then it is drawn as a call to the store. */
const touchesEffectStore = (response: Response): boolean =>
  ((response._tag === "Processed" || response._tag === "ProcessCrashed") && response.effect !== undefined) || response._tag === "EffectsListed"

/** Whether an answer says the step sent to the broker: a result inside a transaction, or a service's event. */
const sendsToBroker = (response: Response): boolean =>
  ((response._tag === "Processed" || response._tag === "ProcessCrashed") && response.output !== undefined) ||
  ((response._tag === "ServiceWritten" || response._tag === "ServiceCrashed") && response.sent !== undefined) ||
  response._tag === "Relayed" ||
  response._tag === "RelayCrashed"

/** Renders commands and answers as a `sequenceDiagram`, each request numbered like the step table. */
export const formatSequenceDiagram = (commands: ReadonlyArray<Command>, responses: ReadonlyArray<Response>): string => {
  const actors: Array<string> = []
  for (const command of commands) {
    const actor = actorOf(command)
    if (actor !== undefined && !actors.includes(actor)) actors.push(actor)
  }
  const lines = ["sequenceDiagram"]
  for (const actor of actors) lines.push(`  participant ${idOf(actor)} as ${actor}`)
  lines.push("  participant Broker")
  if (responses.some(touchesEffectStore)) lines.push("  participant EffectStore as effect store")
  commands.forEach((command, step) => {
    const actor = actorOf(command)
    const answer = clean(formatResponse(responses[step]))
    const request = `${step + 1}. ${clean(requestOf(command))}`
    if (actor === undefined) {
      lines.push(`  Note over Broker: ${request} gives ${answer}`)
    } else if (touchesEffectStore(responses[step])) {
      lines.push(`  ${idOf(actor)}->>EffectStore: ${request}`)
      lines.push(`  EffectStore-->>${idOf(actor)}: ${answer}`)
    } else if (localOnly.has(command._tag) && !sendsToBroker(responses[step])) {
      lines.push(`  Note over ${idOf(actor)}: ${request}, ${answer}`)
    } else {
      lines.push(`  ${idOf(actor)}->>Broker: ${request}`)
      lines.push(`  Broker-->>${idOf(actor)}: ${answer}`)
    }
  })
  return lines.join("\n")
}
