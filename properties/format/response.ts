/**
 * One-line renderings of responses: `Polled [orders/0@3 orders/0@4]`.
 *
 * @module
 */
import type { TopicPartition } from "../../spec/record.ts"
import type { Response } from "../../spec/response.ts"
import { formatPartitionOffset } from "./command.ts"
import { formatMember, formatName, formatTopicPartition } from "./internal/name.ts"

const formatAssignment = (assignment: ReadonlyArray<TopicPartition>): string =>
  `[${assignment.map(formatTopicPartition).join(" ")}]`

/** Renders a response on one line (names that are not plain JSON-quoted, see `formatName`). */
export const formatResponse = (response: Response): string => {
  switch (response._tag) {
    case "Sent":
      return `Sent ${formatPartitionOffset(response)}`
    case "Joined":
    case "HeartbeatOk":
    case "RebalanceInProgress":
      return `${response._tag} gen=${response.generation} ${formatAssignment(response.assignment)}`
    case "Left":
      return `Left gen=${response.generation}`
    case "Polled":
      return `Polled [${response.records.map(formatPartitionOffset).join(" ")}]`
    case "Processed":
    case "NotDelivered":
      return `${response._tag} ${formatPartitionOffset(response)}`
    case "Committed":
      return `Committed gen=${response.generation} [${response.offsets.map(formatPartitionOffset).join(" ")}]`
    case "Seeked":
      return `Seeked ${formatPartitionOffset(response)}`
    case "Crashed":
      return "Crashed"
    case "ClockAdvanced": {
      const expired = response.expired.map(formatMember).join(" ")
      const rebalanced = response.rebalanced.map((gg) => `${formatName(gg.group)}@gen=${gg.generation}`).join(" ")
      return `ClockAdvanced now=${response.nowMs}ms${expired === "" ? "" : ` expired=[${expired}]`}${
        rebalanced === "" ? "" : ` rebalanced=[${rebalanced}]`
      }`
    }
    case "UnknownTopic":
      return `UnknownTopic ${formatName(response.topic)}`
    case "UnknownGroup":
      return `UnknownGroup ${formatName(response.group)}`
    case "UnknownMember":
    case "AlreadyMember":
      return `${response._tag} ${formatMember(response)}`
    case "NotAssigned":
      return `NotAssigned ${formatTopicPartition(response)}`
    case "StaleGeneration":
      return `StaleGeneration gen=${response.generation} current=${response.generationCurrent}`
    case "OffsetOutOfRange":
      return `OffsetOutOfRange ${formatPartitionOffset(response)} hw=${response.highWatermark}`
  }
}
