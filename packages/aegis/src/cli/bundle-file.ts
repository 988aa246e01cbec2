/**
 * Where the bundled CLI lives under packages/aegis/dist/: scripts/build-cli.mjs writes it there
 * and launch.ts runs it from there. No imports: build-cli.mjs (plain Node, run after `tsc -b`)
 * reads this module from dist, so both name the same file.
 */
export const bundleDir = 'cli-bundle'
export const bundleName = 'aegis.cjs'
