export interface Lru<V> {
  get(key: string): V | undefined
  set(key: string, value: V): void
  delete(key: string): void
  /** Deletes every entry the predicate selects (rare paths: logout everywhere). */
  deleteWhere(predicate: (value: V) => boolean): void
  readonly size: number
}

/**
 * A bounded least-recently-used map. A Map keeps insertion order, so re-inserting on a hit makes the
 * first key the eldest: O(1) eviction, memory bounded however many credentials arrive (a flood of
 * random cookies cannot grow it).
 */
export function createLru<V>(maxEntries: number): Lru<V> {
  const map = new Map<string, V>()
  return {
    get(key) {
      const value = map.get(key)
      if (value !== undefined) {
        map.delete(key)
        map.set(key, value)
      }
      return value
    },
    set(key, value) {
      map.delete(key)
      map.set(key, value)
      if (map.size > maxEntries) {
        const eldest = map.keys().next()
        if (eldest.done !== true) map.delete(eldest.value)
      }
    },
    delete(key) {
      map.delete(key)
    },
    deleteWhere(predicate) {
      for (const [key, value] of map) if (predicate(value)) map.delete(key)
    },
    get size() {
      return map.size
    },
  }
}
