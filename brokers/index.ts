/**
 * The real brokers qsem checks: one {@link BrokerEntry} per broker, each
 * with its settings. `--target <name>` picks a broker's default setting,
 * `--target <name>:<setting>` another.
 *
 * @module
 */
import type { BrokerEntry } from "./brokerTarget.ts"
import { mqttEntry } from "./mqtt/index.ts"
import { natsJetStreamEntry } from "./nats-jetstream/index.ts"
import { rabbitmqEntry } from "./rabbitmq/index.ts"
import { redisStreamsEntry } from "./redis-streams/index.ts"

export type { BrokerAddress, BrokerConformance, BrokerEntry, BrokerProfile, BrokerTarget, BrokerTargetOptions } from "./brokerTarget.ts"

/** Every broker, in the order the docs' matrix lists them. */
export const brokerEntries: ReadonlyArray<BrokerEntry> = [redisStreamsEntry, natsJetStreamEntry, rabbitmqEntry, mqttEntry]
