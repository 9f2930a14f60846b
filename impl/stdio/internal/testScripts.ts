/**
 * Tiny target processes for the stdio tests: Node scripts written to a temp
 * dir, each misbehaving in one way. Every script appends its pid to the file
 * named by its first argument, so a test can count starts and check kills.
 *
 * @module
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"

const preamble = `
import * as fs from "node:fs"
import * as readline from "node:readline"
fs.appendFileSync(process.argv[2], process.pid + "\\n")
const send = (message) => process.stdout.write(JSON.stringify(message) + "\\n")
let nowMs = 0
const clock = (command) => {
  nowMs += command.ms
  return { type: "response", response: { _tag: "ClockAdvanced", nowMs, expired: [], rebalanced: [] } }
}
let onOpen = () => { nowMs = 0; send({ type: "opened" }) }
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const message = JSON.parse(line)
  if (message.type === "open") return onOpen()
  onCommand(message.command)
})
`

/** The body of each script: an `onCommand` (and maybe an `onOpen`) after the shared preamble. */
const bodies = {
  /** Answers ClockAdvance correctly (time starts at 0 on every open line). */
  clock: `const onCommand = (command) => send(clock(command))`,
  /** Answers correctly, but writes a lot on stderr first. */
  noisy: `const onCommand = (command) => { process.stderr.write("debug: got a command\\n".repeat(200)); send(clock(command)) }`,
  /** Answers ClockAdvance correctly, but exits with code 4 on its second open line (it cannot be reset). */
  resetExits: `const onCommand = (command) => send(clock(command)); let opens = 0; onOpen = () => { opens += 1; if (opens > 1) process.exit(4); nowMs = 0; send({ type: "opened" }) }`,
  /** Exits with code 3 on the first command, after a last word on stderr. */
  exits: `const onCommand = () => { process.stderr.write("Traceback...\\nRuntimeError: disk on fire\\n"); process.exit(3) }`,
  /** Prints a line that is not JSON. */
  chatty: `const onCommand = () => process.stdout.write("hello from the target\\n")`,
  /** Prints JSON that is not a reply. */
  wrongShape: `const onCommand = () => send({ type: "response", response: { _tag: "Nope" } })`,
  /** Answers the open line with a response line. */
  wrongOrder: `onOpen = () => send(clock({ ms: 0 }))
const onCommand = () => undefined`,
  /** Gives up with an error reply. */
  refuses: `const onCommand = (command) => send({ type: "error", message: command._tag + " is not supported" })`,
  /** Answers every command twice. */
  twice: `const onCommand = (command) => process.stdout.write(JSON.stringify(clock(command)) + "\\n" + JSON.stringify(clock({ ms: 0 })) + "\\n")`,
  /** Never answers a command. */
  silent: `const onCommand = () => undefined`,
  /** Closes its stdin after the open line and stays alive. */
  /** Prints a line longer than the protocol allows, without a newline. */
  endless: `const onCommand = () => process.stdout.write("x".repeat((1 << 26) + 10))`
} as const

/** Scripts that do not share the preamble. */
const standalone = {
  /** Stays alive doing nothing (started in the background by a wrapper, holding the wrapper's pipes). */
  sleeper: `
import * as fs from "node:fs"
fs.appendFileSync(process.argv[2], process.pid + "\\n")
setInterval(() => undefined, 1000)
`,
  /** Reads the open line without a stdin handle, answers it, closes its stdin and stays alive. */
  closesStdin: `
import * as fs from "node:fs"
fs.appendFileSync(process.argv[2], process.pid + "\\n")
const buffer = Buffer.alloc(1 << 16)
let text = ""
while (!text.includes("\\n")) text += buffer.toString("utf8", 0, fs.readSync(0, buffer))
fs.closeSync(0)
process.stdout.write(JSON.stringify({ type: "opened" }) + "\\n")
setInterval(() => undefined, 1000)
`
} as const

/** Whether `pid` is a process that still runs (a zombie, which only waits for its parent to reap it, does not; Linux). */
export const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0] !== "Z"
  } catch {
    return false
  }
}

/** The name of a test script. */
export type TestScriptName = keyof typeof bodies | keyof typeof standalone

/** A temp dir with every test script and a pid file per script. */
export interface TestScripts {
  readonly dir: string
  /** The command words that start a script (Node itself, the script, its pid file). */
  readonly words: (name: TestScriptName) => ReadonlyArray<string>
  /** The pids the script's processes wrote so far, one per start. */
  readonly pids: (name: TestScriptName) => ReadonlyArray<number>
}

/** Writes the scripts into a fresh temp dir. */
export const writeTestScripts = (): TestScripts => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-stdio-"))
  for (const [name, body] of Object.entries(bodies)) {
    fs.writeFileSync(path.join(dir, `${name}.mjs`), preamble + body)
  }
  for (const [name, text] of Object.entries(standalone)) fs.writeFileSync(path.join(dir, `${name}.mjs`), text)
  const pidFile = (name: TestScriptName) => path.join(dir, `${name}.pids`)
  return {
    dir,
    words: (name) => [process.execPath, path.join(dir, `${name}.mjs`), pidFile(name)],
    pids: (name) =>
      fs.existsSync(pidFile(name))
        ? fs.readFileSync(pidFile(name), "utf8").split("\n").filter((line) => line !== "").map(Number)
        : []
  }
}
