/**
 * The nats-server qsem starts for the JetStream target: one process on
 * loopback with JetStream enabled, its store directory inside the managed
 * data directory (so a `BrokerRestart`, a SIGKILL and a start from the same
 * directory, finds what the file store wrote), and a monitoring port whose
 * `/healthz` says when JetStream is up.
 *
 * Both settings run the same server: what differs is each stream's `storage`
 * (`file` or `memory`, see `settings.ts`). How often the file store fsyncs
 * is not set: nats-server 2.9.10 has no option for it (its file store syncs
 * every 60 s; `sync_interval` came with 2.10), and fsync matters for an OS
 * crash or a power loss, which a SIGKILL of the process is not (what a
 * `write` handed the kernel survives the process).
 *
 * @module
 */
import * as fs from "node:fs"
import * as http from "node:http"
import * as path from "node:path"
import { portOpen } from "../server/freePort.ts"
import type { ServerLaunch, ServerSpec } from "../server/managedServer.ts"

/** The JetStream store directory inside a launch's data directory. */
export const storeDirOf = (launch: ServerLaunch): string => path.join(launch.dataDir, "jetstream")

/** The config file a start writes into the data directory (the same on every restart). */
const configText = (launch: ServerLaunch): string =>
  [
    `listen: "${launch.host}:${launch.port}"`,
    `http: "${launch.host}:${launch.extraPorts[0]}"`,
    `jetstream {`,
    `  store_dir: ${JSON.stringify(storeDirOf(launch))}`,
    `  max_memory_store: 268435456`,
    `  max_file_store: 1073741824`,
    `}`,
    ""
  ].join("\n")

/** Whether the monitoring endpoint answers `/healthz` with 200 (the server accepts clients and JetStream is enabled). */
const healthy = (launch: ServerLaunch): Promise<boolean> =>
  new Promise((resolve) => {
    const request = http.get({ host: launch.host, port: launch.extraPorts[0], path: "/healthz?js-enabled-only=true", timeout: 1_000 }, (response) => {
      response.resume()
      resolve(response.statusCode === 200)
    })
    request.once("error", () => resolve(false))
    request.once("timeout", () => {
      request.destroy()
      resolve(false)
    })
  })

/**
 * How to run nats-server 2.9 with JetStream (Debian package `nats-server`):
 * `nats-server -c <dataDir>/nats.conf`, ready once its client port accepts a
 * connection and `/healthz` answers 200.
 */
export const natsServerSpec: ServerSpec = {
  broker: "NATS JetStream",
  program: "nats-server",
  debianPackage: "nats-server",
  extraPortsCount: 1,
  command: (launch) => {
    const file = path.join(launch.dataDir, "nats.conf")
    fs.writeFileSync(file, configText(launch))
    return { args: ["-c", file] }
  },
  ready: async (launch) => (await portOpen(launch.host, launch.port)) && (await healthy(launch)),
  startTimeoutMs: 30_000
}
