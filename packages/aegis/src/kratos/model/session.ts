/** `session` and `cookies` (FACTS.md §1.1, §1.2, §4). */
import { bool, closed, dur, map, oneOf, open, since, str, uri } from '../dsl.ts'

const sameSite = ['Strict', 'Lax', 'None']
const aal = ['aal1', 'highest_available']

/** A JWT template for `/sessions/whoami?tokenize_as=` (FACTS.md §1.1; absent in v1.0.0, present in v1.3.1). */
const tokenizerTemplate = open(
  {
    ttl: dur('1m'),
    claims_mapper_url: uri(),
    // A `base64://` JWKS embeds the private signing key (FACTS.md §1.1).
    jwks_url: uri({ secret: true }),
    subject_source: since('v25.4', oneOf(['id', 'external_id'], 'id')),
  },
  { required: ['jwks_url'] },
)

export const session = closed({
  whoami: closed({
    required_aal: oneOf(aal, 'highest_available'),
    // Template names must match `[a-zA-Z0-9-_.]+` (a patternProperties key, not a value pattern).
    tokenizer: open({ templates: map(tokenizerTemplate) }),
  }),
  lifespan: dur('24h'),
  cookie: closed({
    domain: str(),
    name: str({ default: 'ory_kratos_session' }),
    persistent: bool({ default: true }),
    path: str(),
    // A string, not a boolean: an unquoted YAML `secure: false` stops Kratos (FACTS.md §1.1, §11.2).
    secure: since('v25.4', str()),
    same_site: oneOf(sameSite),
  }),
  // Unset means "= lifespan", i.e. every extension goes through (FACTS.md §1.1).
  earliest_possible_extend: dur(),
})

export const cookies = closed({
  domain: str(),
  path: str({ default: '/' }),
  secure: since('v25.4', str()),
  same_site: oneOf(sameSite, 'Lax'),
})
