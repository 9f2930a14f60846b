import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startServer, type ManagedServer } from "../brokers/server/managedServer.ts"
import { redisServerSpec } from "../brokers/redis-streams/server.ts"
import { brokerAddressOf, brokerSpecOf } from "./brokerTargets.ts"
import { expectOneLineError, runMain } from "./internal/testCli.ts"

describe("--target <broker>[:<setting>] and --broker-address", () => {
  it("name a broker's default setting or another one", () => {
    expect(brokerSpecOf("redis-streams")).toMatchObject({ setting: "aof-everysec" })
    expect(brokerSpecOf("redis-streams:rdb")).toMatchObject({ setting: "rdb" })
    expect(brokerSpecOf("builtin")).toBeUndefined()
    expect(() => brokerSpecOf("redis-streams:fsync-never")).toThrow(/unknown setting "fsync-never" of broker redis-streams \(its settings: aof-everysec, aof-always, rdb\)/)
  })

  it("read an address as host:port, from the flag or else the environment", () => {
    expect(brokerAddressOf("127.0.0.1:6379")).toEqual({ host: "127.0.0.1", port: 6379 })
    expect(brokerAddressOf("[::1]:4222")).toEqual({ host: "::1", port: 4222 })
    expect(() => brokerAddressOf("localhost")).toThrow(/--broker-address takes host:port/)
    expect(() => brokerAddressOf("localhost:99999")).toThrow(/--broker-address takes host:port/)
  })

  it("refuse a bad setting, a bad address and an address for a target that is no broker, in one line", async () => {
    expectOneLineError(await runMain(["check", "--target", "mqtt:nope"]), /unknown setting "nope" of broker mqtt/)
    expectOneLineError(await runMain(["check", "--target", "redis-streams", "--broker-address", "nowhere"]), /--broker-address takes host:port/)
    expectOneLineError(await runMain(["check", "--target", "builtin", "--broker-address", "127.0.0.1:1"]), /--broker-address applies to a real broker target/)
  })

  it("a server that is not there at --broker-address is refused in one line before any run", async () => {
    expectOneLineError(
      await runMain(["check", "--target", "redis-streams", "--broker-address", "127.0.0.1:1", "--runs", "1"]),
      /nothing accepts connections at 127\.0\.0\.1:1 \(the Redis Streams server of --broker-address or QSEM_BROKER_ADDRESS\)/
    )
  })
})

describe("qsem check on a user's running server (--broker-address)", () => {
  let server: ManagedServer
  beforeAll(async () => {
    server = await startServer(redisServerSpec("aof-everysec"))
  })
  afterAll(async () => {
    await server.stop()
  })

  it("checks it with the broker's shipped config, judged as its profile says, and no restart in the runs", async () => {
    const address = `${server.launch.host}:${server.launch.port}`
    const result = await runMain(["check", "--target", "redis-streams", "--broker-address", address, "--runs", "3", "--seed", "5"])
    expect(result.stderr).toBe("")
    expect(result.stdout).toContain("broker: Redis Streams (redis-server 7.0 (Debian 12)), setting appendonly yes, appendfsync everysec")
    expect(result.stdout).toContain("judged on its guarantees only")
    expect(result.stdout).toContain("no BrokerRestart in these runs")
    expect(result.stdout).toContain("not applicable to Redis Streams: FifoGroupOrderPreserved")
    expect(result.stdout).toMatch(/conformance: \d+ of 3 runs diverged from the model \(not a failure with --guarantees-only\)/)
    expect(result.stdout).not.toContain("target failed")
  })
})
