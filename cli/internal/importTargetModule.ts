/**
 * Imports a `--target` module, TypeScript included, whether the CLI runs from
 * its sources (through tsx) or from its compiled bundle, which starts without
 * tsx.
 *
 * @module
 */
import { pathToFileURL } from "node:url"

let registered: Promise<void> | undefined

/**
 * Registers tsx's ESM loader and its require hook (a `.ts` file in a project
 * without "type": "module" is loaded as CommonJS), once, unless this module
 * runs as TypeScript itself: from the sources, whatever loaded the CLI already
 * loads `.ts` files.
 */
const enableTypeScript = (): Promise<void> => {
  if (import.meta.url.endsWith(".ts")) return Promise.resolve()
  registered ??= Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]).then(([esm, commonJs]) => {
    esm.register()
    commonJs.register()
  })
  return registered
}

/**
 * A module compiled to CommonJS (a `.ts` file in a project without
 * "type": "module") reaches `import()` as `{ default: exports }`, its
 * exports marked `__esModule`; tsx unwraps it in the `import()` of a file it
 * compiled, the bundle must do it itself.
 */
const unwrapCommonJs = (namespace: Record<string, unknown>): Record<string, unknown> => {
  const exports = namespace.default
  const wrapped = Object.keys(namespace).length === 1 && typeof exports === "object" && exports !== null &&
    (exports as { readonly __esModule?: unknown }).__esModule === true
  return wrapped ? exports as Record<string, unknown> : namespace
}

/** The namespace of the module at the absolute path `file`; what it throws while loading is thrown. */
export const importTargetModule = async (file: string): Promise<Record<string, unknown>> => {
  await enableTypeScript()
  return unwrapCommonJs(await import(pathToFileURL(file).href) as Record<string, unknown>)
}
