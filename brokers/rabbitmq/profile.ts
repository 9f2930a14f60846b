/**
 * What the RabbitMQ target states about itself, per setting: the part of the
 * model it is checked against, where RabbitMQ's documented semantics differ,
 * and the guarantees that do not apply.
 *
 * @module
 */
import { rabbitmqViolationNotes } from "./violationNotes.ts"
import type { BrokerProfile } from "../brokerTarget.ts"
import { type RabbitmqSetting, type RabbitmqSettingName, rabbitmqSettingNames, rabbitmqSettings } from "./settings.ts"

const server = "rabbitmq-server 3.10.8 on Erlang/OTP 25 (Debian 12), one node, AMQP 0-9-1 through amqplib"

/** The differences every setting shares. */
const differencesShared: ReadonlyArray<string> = [
  "No visibility timeout: an unacknowledged delivery stays with the channel that received it until it is acknowledged, rejected or the channel or its connection closes, when RabbitMQ requeues it (RabbitMQ docs, Consumer Acknowledgements and Publisher Confirms, automatic requeueing); the only timer, the delivery acknowledgement timeout (consumer_timeout), closes a whole channel after 30 minutes by default, longer than any run. So a message the model makes visible again when its visibility ends is still in flight in RabbitMQ, and a receive the model answers with it gets nothing.",
  "A consumer crash (its TCP connection dropped) or a broker restart returns the consumer's unacknowledged messages to the queue at once, where the model keeps them in flight until their visibility ends: RabbitMQ redelivers them earlier than the model.",
  "An acknowledgement goes to the channel that received the message (an AMQP delivery tag is valid only there); a receipt whose delivery is no longer open (acknowledged, released, or returned when its connection closed) is answered deleted: false without a broker call, since RabbitMQ closes a channel that acknowledges an unknown delivery tag (PRECONDITION_FAILED). A stale receipt in the model's sense (the message received again by someone else while the receipt's consumer still holds it) cannot arise: RabbitMQ never redelivers an open delivery (so StaleReceiptsDoNotDelete cannot be witnessed; the configs accept that).",
  "QueueExtend is answered Unsupported: there is no visibility timeout to extend.",
  "An acknowledgement gets no reply in AMQP 0-9-1; Acknowledged deleted: true means the channel handled the basic.ack (a round trip on that channel follows it), not that its removal is on disk.",
  "ObserverQueue cannot browse (AMQP 0-9-1 has no browse): it lists the session's open deliveries of the queue, then fetches the ready messages with basic.get on a channel of its own and closes it, which returns them; receive counts and receipts in the listing are the ones the answers reported. qsem lists queues only at the end of a run.",
  "ClockAdvance is real waiting (scaled); RabbitMQ has no timer in play, so time itself changes nothing at the broker."
]

/** The quorum setting's own differences. */
const differencesQuorum: ReadonlyArray<string> = [
  "QueueRedrive is the operator's work, done by the adapter (the shovel plugin is not enabled): each ready dead-lettered message is fetched from the dead-letter queue (basic.get takes none a consumer holds, as the model's redrive moves none in flight), published again to the queue its x-death header names (a new message there, same qsem id, confirmed) and then acknowledged in the dead-letter queue.",
  "receiveCountMax R becomes x-delivery-limit R - 1. RabbitMQ 3.10 counts returns, not receives (RabbitMQ docs, Quorum Queues, Poison Message Handling: quorum queues \"keep track of the number of unsuccessful delivery attempts and expose it in the x-delivery-count header\"; \"when a message has been returned more times than the limit the message will be dropped or dead-lettered\"); a return is a basic.nack or basic.reject with requeue, or the channel or connection closing with the message unacknowledged (measured: both count). So a message is delivered R times and moves at its R-th return; the receive count qsem reports is x-delivery-count + 1. SQS counts receives instead; the two agree because every RabbitMQ delivery but an acknowledged one ends in a return.",
  "A message moves to the dead-letter queue at its R-th return: at a release (as in the model), but also at once when its consumer crashes or the broker restarts (the model waits for the end of its visibility), and never while its consumer holds it (the model moves it when its visibility ends). A move a crash or a restart caused is reported in the next ClockAdvanced's deadLettered.",
  "Dead-lettering uses the at-least-once strategy (x-dead-letter-strategy at-least-once, which needs x-overflow reject-publish on the source; RabbitMQ blog, At-Least-Once Dead Lettering, 2022, for 3.10): the message leaves the source only once the dead-letter queue confirmed it. The default strategy, at-most-once, dead-letters \"without publisher confirms turned on internally\" and may lose the message.",
  "A listing fetches and returns the ready messages, which a quorum queue counts as a delivery (x-delivery-count + 1, and a dead-lettering for a message at its limit).",
  "A bound with overflow reject (x-max-length, x-overflow reject-publish) is not exact on a quorum queue: it accepts one send past messagesMax (measured: with x-max-length 2, the third send is confirmed and the fourth nacked), since the queue checks its length after an enqueue and then rejects until it is below the limit again; classic queues refuse exactly at messagesMax.",
  "Durability window (finding): a quorum queue whose node is SIGKILLed within about a second of the queue's declaration does not come back. After the restart its definition exists but its Raft member never starts: the messages it confirmed are unavailable, publishes are never confirmed and basic.get never answers, across further restarts (measured on 3.10.8 with Ra 2.2.0: killed 0.5 to 0.8 s after the declaration, lost; 1 s and later, kept; Ra saves its name registry, names.dets, with auto_save 500 ms). The adapter delays a BrokerRestart until 2 s after its session declared its queues, so that the checks test the durability of messages; the scenario tests pin the finding itself.",
  "Acknowledged deletes are durable at once: a SIGKILL milliseconds after an acknowledgement did not bring the message back.",
  "A released message (basic.nack with requeue) in a quorum queue without a delivery limit, such as a dead-letter queue, goes to the back of the queue (measured), where the model keeps it in its place (with a delivery limit, as on the source queues, Amazon MQ's guide to quorum queues says it is requeued near the head). So a redrive after an inspected dead-letter queue was triaged returns its messages out of their order: RedriveReturnsDeadLetters is violated (scenarios.test.ts, \"quorum finding: a message released in a dead-letter queue\").",
  "A dead-lettered message is a new message to the dead-letter queue: its receive count there starts at 1, where SQS and the model keep the count it arrived with."
]

const notApplicableShared = {
  VisibilityTimeoutRedelivers:
    "RabbitMQ has no visibility timeout: an unacknowledged message is redelivered only after its channel settles or loses it (a release, a crash, a restart), at once, never because time passed",
  FifoGroupOrderPreserved: "RabbitMQ queues have no FIFO message groups (configs with fifo queues are refused)",
  DeduplicationWindowSuppresses: "RabbitMQ 3.10 has no message deduplication without a plugin (configs with fifo queues are refused)",
  DropOverflowLosesSilently:
    "the adapter runs no dropping bound: RabbitMQ's drop-head does not say which message it dropped, which the answer must carry (configs with drop-oldest or drop-newest are refused)"
} as const

/** What a SIGKILL and restart keeps under `setting`, as documented and as measured. */
const persistenceOf = (setting: RabbitmqSetting): ReadonlyArray<string> => {
  switch (setting.name) {
    case "quorum":
      return [
        "Persistence: a quorum queue confirms a publish once the message is in its Raft log, fsynced (RabbitMQ docs, Quorum Queues, Data Safety); measured: every acknowledged send survived SIGKILL and restart (outside the durability window above), and a message held unacknowledged at the kill was returned and counted as a delivery, so one at its delivery limit was dead-lettered by the restart. A SIGKILL is a process crash: the OS page cache survives it, so this does not test fsync (a power loss)."
      ]
    case "classic-durable":
      return [
        "Persistence: publisher confirms come once a persistent message routed to a durable classic queue is on disk (RabbitMQ docs, Publisher Confirms); measured: every acknowledged send survived SIGKILL and restart (a process crash, which leaves the OS page cache: fsync is not tested).",
        "An acknowledgement (delete) is not confirmed in AMQP 0-9-1, and a classic queue writes it to disk a little later: measured, a SIGKILL milliseconds after an acknowledgement brought the message back (a second delivery of a deleted message, which a later acknowledgement then deletes again: StaleReceiptsDoNotDelete reports that acknowledgement, deleted: true for a message already deleted), one 300 ms later did not."
      ]
    case "classic-transient":
      return [
        "Persistence: the queue is not durable and its messages are transient, so a confirm means only that the node holds the message in memory (RabbitMQ docs, Queues, Durability: transient queues are deleted on node boot); measured: SIGKILL and restart lost every acknowledged send (the adapter declares the queue again, empty)."
      ]
  }
}

const profileOf = (setting: RabbitmqSetting): BrokerProfile => {
  const quorum = setting.queueType === "quorum"
  return {
    broker: "RabbitMQ",
    setting: `${setting.name}: ${setting.description}`,
    server,
    modelPart:
      "The queue half of the model (spec/command/queue.ts: QueueSend, QueueReceive, QueueProcess, QueueAck, QueueRelease, QueueCrash, QueueRedrive, ObserverQueue) with BrokerRestart, for at-least-once and at-most-once queues" +
      (quorum ? ", redrive policies (x-delivery-limit and a dead-letter queue)" : ", without redrive policies (classic queues count no deliveries)") +
      " and bounds with overflow reject (x-max-length, x-overflow reject-publish); not FIFO queues, deduplication, block or drop bounds, nor QueueExtend.",
    differences: [
      ...differencesShared,
      ...(quorum ? differencesQuorum : []),
      ...persistenceOf(setting)
    ],
    conformance: "guarantees-only",
    notApplicable: {
      ...notApplicableShared,
      ...(quorum
        ? {}
        : {
          PoisonMessagesEndInTheDeadLetterQueue: "classic queues have no delivery limit (x-delivery-limit is a quorum queue argument): configs with a redrive policy are refused",
          RedriveReturnsDeadLetters: "classic queues have no delivery limit, so nothing is dead-lettered to redrive: configs with a redrive policy are refused"
        })
    },
    configFile: quorum ? "examples/configs/brokers/rabbitmq.json" : "examples/configs/brokers/rabbitmq-classic.json",
    violationNotes: rabbitmqViolationNotes
  }
}

/** The profile of each setting. */
export const rabbitmqProfiles: Readonly<Record<RabbitmqSettingName, BrokerProfile>> = Object.fromEntries(
  rabbitmqSettingNames.map((name) => [name, profileOf(rabbitmqSettings[name])])
) as Record<RabbitmqSettingName, BrokerProfile>

/** The profile of `setting`. */
export const rabbitmqProfileOf = (setting: RabbitmqSetting): BrokerProfile => rabbitmqProfiles[setting.name]
