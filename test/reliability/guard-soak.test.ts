// Guard under faults and load (issue 10, issue 8 "Faults and scale"): the scenario in
// guard-soak-scenario.ts runs once per shared store (Redis, then PostgreSQL, each behind a TCP
// proxy in front of the shared server, which is never stopped); each invariant is its own test.
// Invariants, not counts: nothing that should be denied is allowed (README "Trade-offs",
// "Decisions"), activity reaches the store within the throttle, memory stays bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKratosDouble } from '../support/kratos-double/index.ts'
import type { KratosDouble } from '../support/kratos-double/index.ts'
import {
  postgresSoakTarget,
  redisSoakTarget,
  type Teardown,
} from '../support/stores/soak-targets.ts'
import { INTERVAL, SLACK, runSoak, type SoakResult } from './guard-soak-scenario.ts'

let double: KratosDouble
let identityId: string
const teardown: Teardown = []

beforeAll(async () => {
  double = await startKratosDouble()
  identityId = (
    await double.createIdentity({ email: 'soak@example.com', password: 'a long passphrase 9' })
  ).id
})
afterAll(async () => {
  double.setFault(null)
  await double.close()
  for (const step of teardown.reverse()) await step().catch(() => undefined)
})

describe.each([
  ['redis', redisSoakTarget],
  ['postgres', postgresSoakTarget],
] as const)('guard soak with a shared %s store', (name, makeTarget) => {
  let soak: SoakResult
  beforeAll(async () => {
    soak = await runSoak(name, double, identityId, await makeTarget(teardown))
  }, 40_000)

  it('never allows what it must deny', () => {
    expect(soak.violations).toEqual([])
    expect(soak.idleRecorded).toBeGreaterThanOrEqual(2)
  })

  it('records activity in the store within one interval, across both instances', () => {
    expect(soak.lags).toHaveLength(12)
    expect(Math.max(...soak.lags)).toBeLessThanOrEqual(INTERVAL + SLACK)
  })

  it('stays bounded in memory', () => {
    expect(soak.heapGrowth).toBeLessThan(64 * 1024 * 1024)
  })

  it('went through every fault: each kind of denial was observed', () => {
    const { figures } = soak
    expect(figures.denied['idle-timeout'] ?? 0).toBeGreaterThan(0)
    expect(figures.denied['invalid-session'] ?? 0).toBeGreaterThan(0)
    expect(figures.denied['store-unavailable'] ?? 0).toBeGreaterThan(0)
    expect(figures.denied['kratos-unavailable'] ?? 0).toBeGreaterThan(0)
    expect(figures.allowed).toBeGreaterThan(figures.requests / 5)
  })
})
