import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Result } from "effect"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { inputFileBytesMax, readRegularFile } from "./readRegularFile.ts"

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qsem-read-"))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const refusal = (file: string): string => {
  const read = readRegularFile(file)
  if (Result.isSuccess(read)) throw new Error(`read ${read.success.length} characters`)
  return read.failure
}

describe("readRegularFile", () => {
  it("reads a regular file as UTF-8, also one of exactly the limit", () => {
    const file = path.join(dir, "a.json")
    fs.writeFileSync(file, "{\"été\": 1}\n")
    expect(readRegularFile(file)).toEqual(Result.succeed("{\"été\": 1}\n"))
    fs.writeFileSync(file, Buffer.alloc(inputFileBytesMax, 0x20))
    const read = readRegularFile(file)
    expect(Result.isSuccess(read) && read.success.length).toBe(inputFileBytesMax)
  })
  it("reads a file whose stated size is 0 (files of /proc) to its end", () => {
    const read = readRegularFile("/proc/self/status")
    expect(Result.isSuccess(read) && read.success).toMatch(/^Name:/)
  })
  it("refuses a file over the limit, by its size, without reading it", () => {
    const file = path.join(dir, "big.json")
    fs.writeFileSync(file, "")
    fs.truncateSync(file, inputFileBytesMax + 1)
    expect(refusal(file)).toBe("it has 16,777,217 bytes; qsem reads files up to 16 MiB (16,777,216 bytes)")
    fs.truncateSync(file, 14 * 1024 * 1024 * 1024)
    expect(refusal(file)).toBe("it has 15,032,385,536 bytes; qsem reads files up to 16 MiB (16,777,216 bytes)")
  })
  it("refuses what is not a regular file: a directory, a character device", () => {
    expect(refusal(dir)).toBe("it is a directory; qsem reads only regular files")
    expect(refusal("/dev/zero")).toBe("it is a character device; qsem reads only regular files")
  })
  it("says why a path cannot be read, without repeating the path", () => {
    expect(refusal(path.join(dir, "absent.json"))).toBe("no such file")
    const file = path.join(dir, "plain")
    fs.writeFileSync(file, "")
    expect(refusal(path.join(file, "below.json"))).toBe("a part of its path is not a directory")
    expect(refusal("a\u0000b.json")).toBe("the path contains a NUL character")
  })
})
