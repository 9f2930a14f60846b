/**
 * What the MQTT target states about itself: the part of qsem's queue model
 * it is checked against, where MQTT 5 and Mosquitto 2.0 differ from it (each
 * tied to the specification or Mosquitto's documentation), and the
 * guarantees that cannot apply.
 *
 * @module
 */
import { mqttViolationNotesOf } from "./violationNotes.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import type { BrokerProfile } from "../brokerTarget.ts"
import type { MqttSetting } from "./settings.ts"

/** The example config its checks run. */
export const mqttConfigFile = "examples/configs/brokers/mqtt.json"

/** The queue guarantees MQTT has nothing to apply them to, with why. */
const queueNotApplicable: Readonly<Partial<Record<GuaranteeId, string>>> = {
  VisibilityTimeoutRedelivers:
    "MQTT has no visibility timeout: an unacknowledged QoS 1 message is sent again only when its session reconnects (MQTT 5 §4.4, [MQTT-4.4.0-1]: \"Clients and Servers MUST NOT resend messages at any other time\" than a reconnect with Clean Start 0), never after a time, so the claim's premise does not hold; in this mapping the next client to attach to a crashed consumer's session gets its messages again at once",
  PoisonMessagesEndInTheDeadLetterQueue: "MQTT counts no deliveries and has no dead-letter queue (the target refuses configs with receiveCountMax or deadLetterQueue)",
  RedriveReturnsDeadLetters: "MQTT has no dead-letter queue to redrive",
  FifoGroupOrderPreserved: "MQTT has no message groups (the target refuses FIFO queues)",
  DeduplicationWindowSuppresses: "MQTT has no deduplication ids on publish (QoS 2 deduplicates a PUBLISH retried within one handshake only)",
  OverflowIsKnownToTheProducer:
    "MQTT has no bounded queue that answers the producer: Mosquitto's max_queued_messages drops QoS 1 messages of one session silently (the target refuses bounded queues)",
  DropOverflowLosesSilently: "the target refuses bounded queues (Mosquitto's per-session max_queued_messages is the only bound, at its default of 1000)"
}

/** The mapping, as one statement. */
const modelPart =
  "The queue half of the model (at-least-once and at-most-once queues; no dead letters, FIFO or bounds), judged on its guarantees QueueNoLossUnderAtLeastOnce and StaleReceiptsDoNotDelete, with broker restarts. " +
  "A queue is an MQTT topic read through one shared subscription $share/<group>/<topic> (MQTT 5 §4.8.2), among whose member sessions Mosquitto hands each message to one, round robin. " +
  "At-least-once: QoS 1 publish and subscription, read through a pool of membersPerGroupMax + 1 persistent sessions (Clean Start 0, expiry 1 h) created and subscribed when the run opens, so a message sent before any consumer came is kept; " +
  "a consumer's client attaches to a free session of the pool while it holds unacknowledged messages and detaches (DISCONNECT: the session keeps the rest) once it holds none; " +
  "QueueReceive takes up to n of what Mosquitto delivered to the attached connection (after a barrier), and a consumer that holds nothing and finds nothing tries the pool's free sessions in turn; " +
  "the PUBACK is held back (mqtt.js customHandleAcks answered at once, the PUBACK it sends kept) and written at QueueAck. " +
  "At-most-once: QoS 0 publish and subscription, each consumer's client connected with a session of its own from its first receive until it crashes. " +
  "QueueSend answers Enqueued at the PUBACK (QoS 1) or once a barrier shows Mosquitto handled the PUBLISH (QoS 0); QueueCrash drops the consumer's connection without a DISCONNECT (its unacknowledged messages stay in the session, sent again with DUP to the next client that attaches to it); " +
  "BrokerRestart is a SIGKILL of Mosquitto and a start from its data directory, after which the producer and every session of the pool reconnect once (subscribing again where Session Present is 0). " +
  "Message ids, receipts and receive counts are the adapter's (MQTT has none that outlive a connection; the message id travels in the payload); ObserverQueue lists what clients can see."

/** The differences every setting shares. */
const differences: ReadonlyArray<string> = [
  "A message is bound to one member session when it is published (Mosquitto 2.0 round-robins over the members of a shared subscription, connected or not) and only a client of that session can receive it: a consumer receives only what its session was given, not the first visible messages of the queue.",
  "Redelivery is not timed: an unacknowledged QoS 1 message stays in its session and is sent again (with DUP) only when a client reconnects to that session (MQTT 5 §4.4); Mosquitto 2.0 does not hand it to another member when the connection drops, nor when the session expires, although MQTT 5 §4.8.2 says the server SHOULD then (it discards it: a session that is never resumed loses its messages at its expiry).",
  "QueueRelease and QueueExtend are Unsupported: a PUBACK with an error reason code counts as an acknowledgement and makes the server discard the message (MQTT 5 §4.4 [MQTT-4.4.0-2], §4.8.2), and there is no timeout to extend; QueueRedrive answers NotADeadLetterQueue (no dead-letter queues).",
  "No receipt goes stale: a message is never given to anyone else while the session that holds it is attached, so every acknowledgement of a held receipt deletes (StaleReceiptsDoNotDelete holds without its witness).",
  "A QoS 0 message handed to a member whose client is not connected is dropped (Mosquitto's queue_qos0_messages false, the default), and one published while no consumer's client is connected has no subscriber at all (the PUBACK-less publish is lost): an at-most-once queue loses what its consumers were not connected for.",
  "QueueAck has no answer in MQTT (a PUBACK is not acknowledged); the adapter answers deleted: true once a barrier (a QoS 1 publish on the same connection) shows Mosquitto handled the PUBACK, and a receipt whose connection is gone cannot be acknowledged at all (Unsupported), where the model lets anyone holding a receipt delete.",
  "MQTT asks a client to send PUBACKs in the order it received the PUBLISHes (MQTT 3.1.1 §4.6, [MQTT-4.6.0-2]); qsem acknowledges in any order, which Mosquitto accepts.",
  "ObserverQueue: MQTT cannot list a topic or a session. The listing shows the messages handed out and not acknowledged, what attached clients were delivered and not given, and what each free session of the pool delivers when connected to (nothing acknowledged); a message Mosquitto dropped or lost is in no listing. Listings carry no visibility ends.",
  "ClockAdvance is a real wait (scaled, see brokers/realTime.ts) that changes nothing in MQTT, which has no timeouts in this mapping; it gives Mosquitto time to save between a change and a restart.",
  "QoS 2 is not used: qsem's queues are at-least-once or at-most-once. Its four-packet handshake delivers a PUBLISH once per hop and session; holding the PUBREC until QueueAck would behave as QoS 1 does here, and sending it at delivery makes the application at-most-once (MQTT 5 §4.3.3 says nothing of the application's effect).",
  "A send is one PUBLISH from one producer connection (Clean Start 1) whatever its sender; a QoS 0 send is answered once a barrier shows Mosquitto handled it (QoS 0 has no answer), and Mosquitto does not tell a QoS 0 producer that no one subscribed."
]

/** What each setting adds: what a SIGKILL keeps (measured by brokers/mqtt/crash.test.ts). */
const settingDifferences: Readonly<Record<string, ReadonlyArray<string>>> = {
  "persistence-autosave": [
    "BrokerRestart (SIGKILL) loses everything since the last autosave, which comes every 1800 s (mosquitto.conf(5): the database is written \"when mosquitto closes and also at periodic intervals as defined by autosave_interval\"): in a run, every message the producer was acknowledged for and no consumer acknowledged yet, every session and its subscription (measured: 0 of 3 acknowledged sends left). The adapter's pool finds its sessions gone (Session Present 0) and subscribes again, so later sends are kept."
  ],
  "no-persistence": [
    "BrokerRestart (SIGKILL) loses every session, subscription and queued message (persistence false: \"the data will be stored in memory only\"; measured: 0 of 3 acknowledged sends left); the pool subscribes again, so later sends are kept."
  ],
  "autosave-on-every-change": [
    "BrokerRestart (SIGKILL) keeps what the last save held, and Mosquitto saves after every change (autosave_on_changes: \"if the total exceeds autosave_interval then the in-memory database will be saved\"; measured: 3 of 3 acknowledged sends left, the one a consumer held redelivered with DUP), but it saves at the end of the loop iteration that already sent the PUBACK: a send acknowledged just before the SIGKILL is lost (measured: the last of three, in 28 of 30 tries with no pause before the kill).",
    "Mosquitto 2.0 does not write shared subscriptions to its database (persist__subs_save walks a topic's ordinary subscribers only): after a restart the pool's sessions come back (Session Present 1) with their messages but without their subscription, so every later send is acknowledged with reason code 16 (\"No matching subscribers\") and handed to no one; a client that trusts Session Present, as MQTT 5 §3.2.2.1.1 lets it, never subscribes again. QueueSend still answers Enqueued (the PUBACK came, with a success code), and QueueNoLossUnderAtLeastOnce reports the loss.",
    "Mosquitto 2.0 writes only sessions whose last connection had Clean Start 0: a session begun with Clean Start 1 and a Session Expiry Interval (persistent by MQTT 5 §3.1.2.11.2) is lost at a restart; the pool's sessions are begun with Clean Start 0."
  ]
}

/** The profile of the MQTT target under `setting`. */
export const mqttProfileOf = (setting: MqttSetting): BrokerProfile => ({
  broker: "Mosquitto MQTT",
  setting: setting.description,
  server: "mosquitto 2.0 (Debian 12), MQTT 5 through mqtt.js 5.16",
  modelPart,
  differences: [...differences, ...(settingDifferences[setting.name] ?? [])],
  conformance: "guarantees-only",
  notApplicable: queueNotApplicable,
  configFile: mqttConfigFile,
  violationNotes: mqttViolationNotesOf(setting.name)
})

/** The queue guarantees the MQTT target is judged on (the rest do not apply, see the profile). */
export const mqttJudgedGuarantees: ReadonlyArray<GuaranteeId> = ["QueueNoLossUnderAtLeastOnce", "StaleReceiptsDoNotDelete"]
