/** Every lifespan a flow or a one-time link/code has (FACTS.md §1.7); each defaults to 1h. */
export const flowLifespanKeys = [
  'selfservice.flows.login.lifespan',
  'selfservice.flows.registration.lifespan',
  'selfservice.flows.settings.lifespan',
  'selfservice.flows.recovery.lifespan',
  'selfservice.flows.verification.lifespan',
  'selfservice.methods.link.config.lifespan',
  'selfservice.methods.code.config.lifespan',
] as const
