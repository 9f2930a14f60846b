/**
 * One-line renderings of commands, as in a program listing:
 * `ConsumerPoll billing/m0 max=3`.
 *
 * @module
 */
import type { Command } from "../../spec/command.ts"
import type { PartitionOffset } from "../../spec/record.ts"

/** `orders/2@5`: a partition and an offset. */
export const formatPartitionOffset = (po: PartitionOffset): string => `${po.topic}/${po.partition}@${po.offset}`

/** Renders a command on one line. */
export const formatCommand = (command: Command): string => {
  switch (command._tag) {
    case "ProducerSend":
      return `ProducerSend ${command.producer} -> ${command.topic}${command.key === undefined ? "" : ` key=${command.key}`} value=${command.value}`
    case "GroupJoin":
    case "GroupLeave":
    case "ConsumerHeartbeat":
    case "ConsumerCrash":
      return `${command._tag} ${command.group}/${command.member}`
    case "ConsumerPoll":
      return `ConsumerPoll ${command.group}/${command.member} max=${command.recordsMax}`
    case "ConsumerProcess":
      return `ConsumerProcess ${command.group}/${command.member} ${formatPartitionOffset(command)}`
    case "ConsumerSeek":
      return `ConsumerSeek ${command.group}/${command.member} ${formatPartitionOffset(command)}`
    case "ConsumerCommit":
      return `ConsumerCommit ${command.group}/${command.member} [${command.offsets.map(formatPartitionOffset).join(" ")}]`
    case "ClockAdvance":
      return `ClockAdvance +${command.ms}ms`
  }
}
