import { describeStoreContract } from '../../../../test/support/stores/contract.ts'
import { createMemoryStore } from './memory.ts'

describeStoreContract('memory', {
  shared: false,
  setup: () =>
    Promise.resolve({
      create: () => Promise.resolve(createMemoryStore()),
      cleanup: () => Promise.resolve(),
    }),
})
