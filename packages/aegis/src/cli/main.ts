/**
 * Entry point of the `aegis` command line as a module (runCli, runProcess: run.ts). bin/aegis.js
 * starts it through launch.ts; `node dist/cli/main.js …` runs it directly while developing.
 */
import { runProcess } from './run.ts'

export { runCli, runProcess } from './run.ts'

if (process.argv[1] !== undefined && /cli[\\/]main\.[jt]s$/.test(process.argv[1])) {
  await runProcess()
}
