/**
 * "Real brokers": the matrix of what each real broker, in each setting,
 * did to each guarantee (held, violated with a link to its counterexample,
 * not applicable), rendered from the results file `qsem brokers` writes
 * (docs/brokers/results.json) and the brokers' profiles, followed by the
 * crash scenario's losses (which acknowledged sends a SIGKILL took) and,
 * per broker, the part of the model it is checked against and where its
 * documented semantics differ.
 *
 * @module
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Schema from "effect/Schema"
import { brokerEntries } from "../../brokers/index.ts"
import type { BrokerProfile } from "../../brokers/brokerTarget.ts"
import type { GuaranteeId } from "../../spec/guarantee.ts"
import { BrokerResults, type BrokerCell, type BrokerRow, brokerResultsFile } from "../brokers/results.ts"

/** The package root: `../..` from this module (the source and the bundle alike). */
const packageRoot = fileURLToPath(new URL("../..", import.meta.url))

/** The committed results, or `undefined` before the first `qsem brokers`. */
export const brokerResultsCommitted = (root = packageRoot): BrokerResults | undefined => {
  const file = path.join(root, brokerResultsFile)
  if (!fs.existsSync(file)) return undefined
  return Schema.decodeUnknownSync(BrokerResults)(JSON.parse(fs.readFileSync(file, "utf8")))
}

/** The profile of a row's target, from the broker entries. */
const profileOf = (row: BrokerRow): BrokerProfile | undefined => {
  const [name, setting] = row.target.split(":")
  const entry = brokerEntries.find((candidate) => candidate.name === name)
  return entry?.settings.includes(setting) === true ? entry.make(setting).profile : undefined
}

/** A cell of the matrix, as Markdown (a violation links its trace, relative to docs/). */
const cellText = (cell: BrokerCell | undefined): string => {
  if (cell === undefined) return "n/a"
  switch (cell._tag) {
    case "Held":
      return cell.witnessedRuns > 0 ? "held" : "held (not witnessed)"
    case "Violated":
      return `[**violated**](../${cell.trace})`
    case "NotApplicable":
      return "n/a"
  }
}

const escapeCell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ")

/** The crash line of a row: what the SIGKILL took. */
const crashText = (row: BrokerRow): string => {
  const { acknowledged, lost } = row.crash
  if (lost.length === 0) return `all ${acknowledged.length} acknowledged sends survived`
  return `**${lost.length} of ${acknowledged.length} acknowledged sends lost** (message ids ${lost.join(", ")})`
}

/** The section's lines. */
export const realBrokersSection = (results: BrokerResults | undefined = brokerResultsCommitted()): ReadonlyArray<string> => {
  const lines = ["## Real brokers", ""]
  if (results === undefined || results.rows.length === 0) {
    return [...lines, "No results yet: `npx qsem brokers` checks the real brokers and writes docs/brokers/results.json.", ""]
  }
  lines.push(
    `Four real brokers, started from their Debian packages on loopback, each checked by the same generated runs and the same checkers as the built-in broker (the "judged" column gives the runs per check and the seed; a check stops at its first failure, so a row is checked again without each guarantee found violated). Each runs its own queue config (examples/configs/brokers/): time is scaled (\`clockQuantumMs\`, brokers/realTime.ts: every logical time of a run is a multiple of the quantum, and each broker timer is set half a quantum early in real time), and runs include \`BrokerRestart\`, a SIGKILL of the server and a restart from its data directory. \`npx qsem brokers\` writes these results; \`npx qsem check --target <broker>[:<setting>]\` checks one, and every violation's trace replays with \`npx qsem replay FILE --target <broker>:<setting>\`.`,
    "",
    "Columns are the guarantees some broker could be judged on; \"n/a\": the broker has no such feature (the notes below say why), or its config cannot exercise it; \"held (not witnessed)\": no run showed the interesting case.",
    ""
  )
  const columns = results.guarantees
  lines.push(`| broker | setting | judged | ${columns.join(" | ")} | crash (SIGKILL) |`)
  lines.push(`|---|---|---|${columns.map(() => "---").join("|")}|---|`)
  for (const row of results.rows) {
    const judged = `${row.conformance === "lockstep" ? "lockstep" : "guarantees only"}, ${row.runsPerCheck} runs per check, seed ${row.seed}`
    lines.push(`| ${row.broker} | ${escapeCell(row.setting)} | ${judged} | ${columns.map((id) => cellText(row.cells[id])).join(" | ")} | ${crashText(row)} |`)
  }
  lines.push("")
  const violations = results.rows.flatMap((row) =>
    Object.entries(row.cells).flatMap(([id, cell]) => (cell._tag === "Violated" ? [{ row, id: id as GuaranteeId, cell }] : []))
  )
  if (violations.length > 0) {
    lines.push("### The violations", "")
    for (const { row, id, cell } of violations) {
      const note = profileOf(row)?.violationNotes?.[id]
      lines.push(`- **${row.broker}, ${row.setting}: ${id}** (first violated in run ${cell.runs} of its check; [trace](../${cell.trace})): at step ${cell.step + 1}, ${cell.message}.${note === undefined ? "" : ` ${note}`}`)
    }
    lines.push("")
  }
  lines.push("### Broker crashes", "", "The crash scenario, the same for every broker: five sends the broker acknowledged, a SIGKILL of the server and a restart from its data directory, then the standard drain. Jepsen's question: which acknowledged sends are gone?", "")
  lines.push("| broker | setting | acknowledged | lost after the SIGKILL |", "|---|---|---|---|")
  for (const row of results.rows) {
    lines.push(`| ${row.broker} | ${escapeCell(row.setting)} | ${row.crash.acknowledged.length} | ${row.crash.lost.length === 0 ? "none" : `**${row.crash.lost.length}** (ids ${row.crash.lost.join(", ")})`} |`)
  }
  lines.push("", "A SIGKILL ends the server process, not the machine: what the kernel already accepted in its page cache survives it, so this scenario shows what a process crash loses (a setting that keeps state only in memory, or writes it only at a snapshot), not what a power loss loses (an `fsync` policy).", "")
  const seen = new Set<string>()
  for (const row of results.rows) {
    if (seen.has(row.broker)) continue
    seen.add(row.broker)
    const profile = profileOf(row)
    if (profile === undefined) continue
    lines.push(`### ${profile.broker}`, "", `${profile.server}. ${profile.modelPart}`, "")
    for (const difference of profile.differences) lines.push(`- ${difference}`)
    const notApplicable = Object.entries(profile.notApplicable)
    if (notApplicable.length > 0) {
      lines.push("", "Not applicable:", "")
      for (const [id, reason] of notApplicable) lines.push(`- ${id}: ${reason}`)
    }
    lines.push("")
  }
  return lines
}
