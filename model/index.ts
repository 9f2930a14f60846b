/**
 * The qsem model: a pure state machine of a Kafka-style broker (partitioned
 * logs, consumer groups, committed offsets, consumer clients, idempotent and
 * transactional producers, the transaction coordinator), of queues (visibility
 * timeouts, receive counts, dead-letter queues, FIFO groups) and of the systems
 * outside it (each group's effect store, each service's tables), each group's
 * processing failures (downstream, breaker, retries, dead-letter topic), the executable
 * specification every target is compared with, response by response.
 *
 * @example
 * ```ts
 * import { configDefault } from "../spec/config.ts"
 * import { init, step } from "./index.ts"
 *
 * const s0 = init(configDefault)
 * const { state: s1, response } = step(s0, { _tag: "ProducerSend", producer: "p", topic: "orders", key: "k", value: "v" })
 * // response: { _tag: "Sent", topic: "orders", partition: ..., offset: 0 }; s0 is unchanged
 * ```
 *
 * @module
 */
export type { ModelState, Transition } from "./state.ts"
export { init } from "./state.ts"
export { run, step } from "./step.ts"
export type { BrokerMemberView, ClientView, EffectsView, ProducerClientView, ProducerKindView, QueueView, ReceiptView, ServiceView, TransactionView } from "./query.ts"
export {
  brokerMembersOf,
  clientOf,
  committedOf,
  configOf,
  deadLetterQueueOf,
  effectsOf,
  entriesOf,
  generationOf,
  highWatermarkOf,
  isDeadLetterQueue,
  isIdempotent,
  isTransactional,
  lastStableOffsetOf,
  logStartOffsetOf,
  messagesEnqueuedOf,
  nowMs,
  producerClientOf,
  producerKindOf,
  queueBufferOf,
  queueConsumersOf,
  queueOf,
  receiptOf,
  receiptStatusOf,
  receiptsIssuedOf,
  recordsOf,
  roundRobinOf,
  runningMembersOf,
  serviceOf,
  sinkOf,
  transactionalIdsOf,
  transactionOf
} from "./query.ts"
export type { AttemptsView, BreakerView, DeadLetteringView, FailureView } from "./failure/query.ts"
export { attemptsOf, failureOf } from "./failure/query.ts"
export { murmur2, partitionForKey, utf8Bytes } from "./partitioner.ts"
