/**
 * One-line renderings of commands, as in a program listing:
 * `ConsumerPoll billing/m0 max=3`.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { PartitionOffset } from "../../spec/record.ts"
import { formatMember, formatName, formatTopicPartition } from "./internal/name.ts"

/** `orders/2@5`: a partition and an offset (a topic name that is not plain is quoted, see `formatName`). */
export const formatPartitionOffset = (po: PartitionOffset): string => `${formatName(po.topic)}/${po.partition}@${po.offset}`

/** `jobs/c0`: a queue and one of its consumers. */
export const formatQueueConsumer = (qc: { readonly queue: string; readonly consumer: string }): string => `${formatName(qc.queue)}/${formatName(qc.consumer)}`


/**
 * Renders a command on one line. Names, keys and values that are not plain
 * (empty, with spaces or separators, non-ASCII, long) are JSON-quoted, see
 * `formatName`: `ProducerSend p0 -> orders key="\ud800" value=v3`; a send whose
 * acknowledgement the run loses ends with ` ackLost`; a fault that kills
 * the process midway (`ConsumerProcess`, `ServiceWrite`, `RelayPublish`) ends with ` crashMidway`.
 */
export const formatCommand = (command: Command): string => {
  switch (command._tag) {
    case "ProducerSend":
      return `ProducerSend ${formatName(command.producer)} -> ${formatName(command.topic)}${
        command.key === undefined ? "" : ` key=${formatName(command.key)}`
      } value=${formatName(command.value)}${command.ackLost === true ? " ackLost" : ""}`
    case "ProducerRetry":
      return `ProducerRetry ${formatName(command.producer)}${command.ackLost === true ? " ackLost" : ""}`
    case "ProducerInit":
    case "ProducerCrash":
    case "TxnBegin":
    case "TxnCommit":
    case "TxnAbort":
      return `${command._tag} ${formatName(command.producer)}`
    case "TxnSendOffsets":
      return `TxnSendOffsets ${formatName(command.producer)} for ${formatMember(command)} [${
        command.offsets.map(formatPartitionOffset).join(" ")
      }]`
    case "ObserverDump":
      return `ObserverDump ${formatTopicPartition(command)} from=${command.offset} max=${command.entriesMax}`
    case "ObserverOffsets":
      return `ObserverOffsets ${formatName(command.group)}`
    case "GroupJoin":
    case "GroupLeave":
    case "ConsumerHeartbeat":
    case "ConsumerCrash":
      return `${command._tag} ${formatMember(command)}`
    case "ConsumerPoll":
      return `ConsumerPoll ${formatMember(command)} max=${command.recordsMax}`
    case "ConsumerProcess":
      return `ConsumerProcess ${formatMember(command)} ${formatPartitionOffset(command)}${command.crashMidway === true ? " crashMidway" : ""}`
    case "ServiceWrite":
      return `ServiceWrite ${formatName(command.service)} event=${formatName(command.event)}${
        command.key === undefined ? "" : ` key=${formatName(command.key)}`
      }${command.crashMidway === true ? " crashMidway" : ""}`
    case "RelayPublish":
      return `RelayPublish ${formatName(command.service)}${command.crashMidway === true ? " crashMidway" : ""}`
    case "ObserverEffects":
      return `ObserverEffects ${formatName(command.group)}`
    case "ObserverService":
      return `ObserverService ${formatName(command.service)}`
    case "ConsumerSeek":
      return `ConsumerSeek ${formatMember(command)} ${formatPartitionOffset(command)}`
    case "ConsumerCommit":
      return `ConsumerCommit ${formatMember(command)} [${command.offsets.map(formatPartitionOffset).join(" ")}]`
    case "ClockAdvance":
      return `ClockAdvance +${command.ms}ms`
    case "QueueSend":
      return `QueueSend ${formatName(command.sender)} -> ${formatName(command.queue)}${
        command.group === undefined ? "" : ` group=${formatName(command.group)}`
      }${command.dedupId === undefined ? "" : ` dedup=${formatName(command.dedupId)}`} value=${formatName(command.value)}`
    case "QueueReceive":
      return `QueueReceive ${formatQueueConsumer(command)} max=${command.messagesMax}`
    case "QueueProcess":
    case "QueueAck":
    case "QueueRelease":
      return `${command._tag} ${formatQueueConsumer(command)} receipt=${command.receipt}`
    case "QueueExtend":
      return `QueueExtend ${formatQueueConsumer(command)} receipt=${command.receipt} +${command.ms}ms`
    case "QueueCrash":
      return `QueueCrash ${formatQueueConsumer(command)}`
    case "QueueRedrive":
      return `QueueRedrive ${formatName(command.queue)}`
    case "ObserverQueue":
      return `ObserverQueue ${formatName(command.queue)}`
    case "DownstreamDown":
    case "DownstreamUp":
    case "DeadLetterRedrive":
      return `${command._tag} ${formatName(command.group)}`
    case "BrokerRestart":
      return "BrokerRestart"
  }
}
