// Throwaway (not committed): random runs of the model with effects and services, judged by every checker.
import { init, step } from "../../../model/index.ts"
import type { Command, Config, History, HistoryEntry, Response } from "../../../spec/index.ts"
import { guaranteeChecks } from "../index.ts"
import { undrainedGroupsOf } from "./drainedGroups.ts"
import { undrainedServicesOf } from "./drainedServices.ts"

let seed = Number(process.argv[2] ?? 1)
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rand() * xs.length)]

const config: Config = {
  topics: [{ name: "orders", partitions: 2 }, { name: "payments", partitions: 1 }, { name: "results", partitions: 1 }, { name: "events", partitions: 1 }],
  groups: [
    { name: "eo", mode: "exactly-once", assignor: "range", topics: ["payments"], outputTopic: "results", effect: { remedy: "none" } },
    { name: "atomic", mode: "at-least-once", assignor: "range", topics: ["orders"], effect: { remedy: "idempotency-key", dedupWindowMs: 300 } },
    { name: "kte", mode: "at-least-once", assignor: "range", topics: ["orders", "events"], effect: { remedy: "idempotency-key", dedupWindowMs: Number(process.env.KTE_WINDOW ?? 300), dedupOrder: "key-then-effect" } },
    { name: "etk", mode: "at-most-once", assignor: "range", topics: ["orders"], effect: { remedy: "idempotency-key", dedupOrder: "effect-then-key" } },
    { name: "cas", mode: "at-least-once", assignor: "range", topics: ["orders"], processingOrder: "delivery", effect: { remedy: "conditional-update" } },
    { name: "plain", mode: "at-least-once", assignor: "range", topics: ["events"] }
  ],
  producers: [{ name: "lp", idempotent: false }],
  services: [{ name: "shop", topic: "events", publish: "outbox" }, { name: "legacy", topic: "events", publish: "commit-then-send" }, { name: "ledger", topic: "events", publish: "send-then-commit" }],
  sessionTimeoutMs: 1000,
  transactionTimeoutMs: 2000,
  bounds: { producersMax: 2, membersPerGroupMax: 2, keysMax: 2, recordsPerPollMax: 3, clockAdvanceMsMax: 1000, commandsMax: 60 }
}

if (process.argv[4] === "orders") {
  (config as any).groups = config.groups.filter((g) => g.name === "kte" || g.name === "etk").map((g) => g.name === "etk" ? { ...g, mode: "at-least-once", effect: { remedy: "idempotency-key", dedupOrder: "effect-then-key", dedupWindowMs: 300 } } : g)
}
const runOnce = (): History => {
  let state = init(config)
  const history: Array<HistoryEntry> = []
  const exec = (command: Command): Response => {
    const t = step(state, command)
    state = t.state
    history.push({ command, response: t.response })
    return t.response
  }
  const buffers = new Map<string, Array<{ topic: string; partition: number; offset: number }>>()
  const gens = new Map<string, number>()
  let n = 0
  const groups = config.groups.map((g) => g.name)
  const hasEo = groups.includes("eo")
  const eoBegun = new Set<string>()
  const poll = (group: string, member: string) => {
    const r = exec({ _tag: "ConsumerPoll", group, member, recordsMax: 3 })
    if (r._tag === "Polled") { const b = buffers.get(`${group}/${member}`) ?? []; b.push(...r.records); buffers.set(`${group}/${member}`, b); return r.records.length }
    if (r._tag === "RebalanceInProgress") gens.set(`${group}/${member}`, r.generation)
    return -1
  }
  const process = (group: string, member: string, crashMidway: boolean) => {
    const b = buffers.get(`${group}/${member}`) ?? []
    const rec = b[0]
    if (rec === undefined) return
    const cmd: Command = crashMidway ? { _tag: "ConsumerProcess", group, member, ...rec, crashMidway: true } : { _tag: "ConsumerProcess", group, member, ...rec }
    const r = exec(cmd)
    if (r._tag === "Processed") b.shift()
    if (r._tag === "ProcessCrashed") { buffers.delete(`${group}/${member}`); eoBegun.delete(`${group}/${member}`) }
    if (r._tag === "Processed" && group === "eo") {
      const g = gens.get(`${group}/${member}`) ?? 1
      exec({ _tag: "TxnSendOffsets", producer: `eo/${member}`, group, member, offsets: [{ ...rec, offset: rec.offset + 1 }] })
      void g
    }
  }
  const commitAll = (group: string, member: string, upTo: ReadonlyArray<{ topic: string; partition: number; offset: number }>) => {
    if (upTo.length === 0) return
    const last = new Map<string, { topic: string; partition: number; offset: number }>()
    for (const r of upTo) last.set(`${r.topic}/${r.partition}`, { topic: r.topic, partition: r.partition, offset: r.offset + 1 })
    exec({ _tag: "ConsumerCommit", group, member, offsets: [...last.values()] })
  }
  const len = 20 + Math.floor(rand() * 60)
  for (let i = 0; i < len; i++) {
    const r = rand()
    const group = pick(groups)
    const member = pick(["a", "b"])
    const key = `${group}/${member}`
    if (r < 0.15) {
      const value = rand() < 0.2 && n > 0 ? `v${Math.floor(rand() * n)}` : `v${n++}`
      exec({ _tag: "ProducerSend", producer: pick(["p", "lp"]), topic: pick(["orders", "orders", "payments"]), key: pick(["k1", "k2"]), value })
    } else if (r < 0.25) {
      const svc = pick(["shop", "legacy", "ledger"])
      const cmd: Command = rand() < 0.3 ? { _tag: "ServiceWrite", service: svc, event: `e${n++}`, key: pick(["k1", "k2"]), crashMidway: true } : { _tag: "ServiceWrite", service: svc, event: rand() < 0.2 ? `e${Math.floor(rand() * n)}` : `e${n++}`, key: pick(["k1", "k2"]) }
      exec(cmd)
    } else if (r < 0.3) {
      exec(rand() < 0.4 ? { _tag: "RelayPublish", service: "shop", crashMidway: true } : { _tag: "RelayPublish", service: "shop" })
    } else if (r < 0.38) {
      const j = exec({ _tag: "GroupJoin", group, member })
      if (j._tag === "Joined") { gens.set(key, j.generation); buffers.delete(key) }
      if (group === "eo") { exec({ _tag: "ProducerInit", producer: `eo/${member}` }); eoBegun.delete(key) }
    } else if (r < 0.55) {
      if (group === "eo" && !eoBegun.has(key)) { if (exec({ _tag: "TxnBegin", producer: `eo/${member}` })._tag === "TxnBegun") eoBegun.add(key) }
      poll(group, member)
    } else if (r < 0.72) {
      if (group === "eo" && !eoBegun.has(key)) { if (exec({ _tag: "TxnBegin", producer: `eo/${member}` })._tag === "TxnBegun") eoBegun.add(key) }
      const b = [...(buffers.get(key) ?? [])]
      if (group === "etk" && config.groups.find((g) => g.name === "etk")?.mode === "at-most-once") commitAll(group, member, b)
      process(group, member, rand() < 0.25)
      if ((group !== "etk" || config.groups.find((x) => x.name === "etk")?.mode !== "at-most-once") && group !== "eo" && rand() < 0.5) commitAll(group, member, b.slice(0, 1))
    } else if (r < 0.78) {
      if (group === "eo") { exec({ _tag: pick(["TxnCommit", "TxnCommit", "TxnAbort"]) as "TxnCommit", producer: `eo/${member}` }); eoBegun.delete(key) }
    } else if (r < 0.84) {
      exec({ _tag: "ConsumerCrash", group, member }); buffers.delete(key); eoBegun.delete(key)
    } else if (r < 0.92) {
      exec({ _tag: "ClockAdvance", ms: pick([50, 150, 299, 300, 301, 600]) })
    } else {
      exec({ _tag: "ConsumerHeartbeat", group, member })
    }
  }
  // drain
  for (const g of groups) for (const m of ["a", "b"]) { exec({ _tag: "ConsumerCrash", group: g, member: m }); buffers.delete(`${g}/${m}`) }
  exec({ _tag: "ClockAdvance", ms: 3000 })
  for (let i = 0; i < 200; i++) if (exec({ _tag: "RelayPublish", service: "shop" })._tag === "OutboxEmpty") break
  for (const g of [...(hasEo ? ["eo"] : []), ...groups.filter((x) => x !== "eo")]) {
    const j = exec({ _tag: "GroupJoin", group: g, member: "drainer" })
    if (j._tag !== "Joined") throw new Error("drainer join " + JSON.stringify(j))
    if (g === "eo") exec({ _tag: "ProducerInit", producer: "eo/drainer" })
    for (let round = 0; round < 100; round++) {
      if (g === "eo") exec({ _tag: "TxnBegin", producer: "eo/drainer" })
      const got = poll(g, "drainer")
      const b = [...(buffers.get(`${g}/drainer`) ?? [])]
      if (g === "etk" && config.groups.find((x) => x.name === "etk")?.mode === "at-most-once") commitAll(g, "drainer", b)
      while ((buffers.get(`${g}/drainer`) ?? []).length > 0) process(g, "drainer", false)
      if ((g !== "etk" || config.groups.find((x) => x.name === "etk")?.mode !== "at-most-once") && g !== "eo") commitAll(g, "drainer", b)
      if (g === "eo") exec({ _tag: "TxnCommit", producer: "eo/drainer" })
      if (got === 0) break
    }
  }
  for (const t of config.topics) for (let p = 0; p < t.partitions; p++) exec({ _tag: "ObserverDump", topic: t.name, partition: p, offset: 0, entriesMax: 1000 })
  for (const g of groups) exec({ _tag: "ObserverOffsets", group: g })
  for (const g of config.groups) if (g.effect !== undefined) exec({ _tag: "ObserverEffects", group: g.name })
  for (const s of config.services!) exec({ _tag: "ObserverService", service: s.name })
  return history
}

const runs = Number(process.argv[3] ?? 200)
const witnessed = new Map<string, number>()
const violated = new Map<string, { count: number; first: string }>()
const undrained = new Map<string, number>()
const histories: Array<History> = []
for (let i = 0; i < runs; i++) {
  const history = runOnce()
  histories.push(history)
  for (const [g, why] of undrainedGroupsOf(history, config)) undrained.set(`${g}: ${why.replace(/\d+/g, "N")}`, (undrained.get(`${g}: ${why.replace(/\d+/g, "N")}`) ?? 0) + 1)
  for (const [s, why] of undrainedServicesOf(history, config)) undrained.set(`${s}: ${why}`, (undrained.get(`${s}: ${why}`) ?? 0) + 1)
  for (const check of guaranteeChecks) {
    const v = check.always(history, config)
    if (v !== undefined) {
      const seen = violated.get(check.id)
      if (seen === undefined) violated.set(check.id, { count: 1, first: `run ${i} len ${history.length} step ${v.step + 1}: ${v.message} :: ${JSON.stringify(history[v.step])}` })
      else seen.count++
    }
    if (check.sometimes(history, config)) witnessed.set(check.id, (witnessed.get(check.id) ?? 0) + 1)
  }
}
console.log("runs", runs)
for (const name of ["kte", "etk"]) {
  const one = { ...config, groups: config.groups.filter((g) => g.name === name) }
  let w = 0
  for (const h of histories) if (guaranteeChecks.find((c) => c.id === "DedupOrderDecidesLossOrDuplicate")!.sometimes(h, one)) w++
  console.log("DedupOrder witness with only", name, w)
}
console.log("undrained", [...undrained].slice(0, 10))
for (const check of guaranteeChecks) console.log(check.id.padEnd(48), "witnessed", witnessed.get(check.id) ?? 0, "violated", violated.get(check.id)?.count ?? 0)
for (const [id, v] of violated) console.log("VIOLATION", id, v.first)
