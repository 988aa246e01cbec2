export type * from './stores/types.ts'
