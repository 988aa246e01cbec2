import { describeStoreContract } from './contract.ts'
import { createMemoryStore } from './memory.ts'

describeStoreContract('memory', {
  shared: false,
  setup: () =>
    Promise.resolve({
      create: () => Promise.resolve(createMemoryStore()),
      cleanup: () => Promise.resolve(),
    }),
})
