/**
 * Makes `import()` of a TypeScript `--target` module work when the CLI runs
 * from its compiled bundle, which starts without tsx: registers tsx's ESM
 * loader and its require hook (a `.ts` file in a project without
 * "type": "module" is loaded as CommonJS), once, and only when a target
 * module is about to be loaded.
 *
 * @module
 */

let registered: Promise<void> | undefined

/**
 * Registers tsx's loaders unless this module runs as TypeScript itself (from
 * the sources, whatever loaded it already loads `.ts` files); idempotent.
 */
export const enableTypeScriptImports = (): Promise<void> => {
  if (import.meta.url.endsWith(".ts")) return Promise.resolve()
  registered ??= Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]).then(([esm, commonJs]) => {
    esm.register()
    commonJs.register()
  })
  return registered
}
