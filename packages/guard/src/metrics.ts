import { Counter, Histogram, Registry } from 'prom-client'
import type { GuardEvent } from './core/types.ts'

export interface GuardMetricsOptions {
  /** Default: a new Registry (pass yours, e.g. prom-client's `register`, to expose them). */
  readonly registry?: Registry
  /** Metric name prefix; default `kratos_guard_`. */
  readonly prefix?: string
}

export interface GuardMetrics {
  readonly registry: Registry
  /** Pass as the guard's `onEvent` (or call it from yours). */
  readonly onEvent: (event: GuardEvent) => void
}

/**
 * Prometheus metrics for a guard: decisions by result and reason, cache hits and misses (the hit
 * ratio is hits / (hits + misses)), whoami latency by status, and revocations.
 */
export function createGuardMetrics(options: GuardMetricsOptions = {}): GuardMetrics {
  const registry = options.registry ?? new Registry()
  const prefix = options.prefix ?? 'kratos_guard_'
  const registers = [registry]
  const decisions = new Counter({
    name: `${prefix}decisions_total`,
    help: 'Guard decisions by result (allow, deny) and deny reason.',
    labelNames: ['result', 'reason'] as const,
    registers,
  })
  const cache = new Counter({
    name: `${prefix}cache_total`,
    help: 'L1 cache lookups by result (hit, miss, stale).',
    labelNames: ['result'] as const,
    registers,
  })
  const whoami = new Histogram({
    name: `${prefix}whoami_duration_seconds`,
    help: 'Kratos /sessions/whoami latency by status.',
    labelNames: ['status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  })
  const revocations = new Counter({
    name: `${prefix}revocations_total`,
    help: 'Sessions revoked by the guard, by reason and whether Kratos confirmed.',
    labelNames: ['reason', 'ok'] as const,
    registers,
  })
  function onEvent(event: GuardEvent): void {
    switch (event.type) {
      case 'allowed':
        decisions.inc({ result: 'allow', reason: '' })
        return
      case 'denied':
        decisions.inc({ result: 'deny', reason: event.reason })
        return
      case 'cache-hit':
        cache.inc({ result: 'hit' })
        return
      case 'cache-miss':
        cache.inc({ result: 'miss' })
        return
      case 'stale-served':
        cache.inc({ result: 'stale' })
        return
      case 'whoami':
        whoami.observe({ status: String(event.status) }, event.durationMs / 1000)
        return
      case 'revoked':
        revocations.inc({ reason: event.reason, ok: String(event.ok) })
        return
      case 'binding-mismatch':
      case 'error':
        return
    }
  }
  return { registry, onEvent }
}
