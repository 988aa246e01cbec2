/** `secrets`, `ciphers`, `hashers` (FACTS.md §1.3, §1.4, §1.8). */
import { arr, closed, dur, int, oneOf, open, since, str } from '../dsl.ts'

const key16 = str({ minLength: 16, secret: true })

export const secrets = closed(
  {
    default: arr(key16, { uniqueItems: true, secret: true }),
    cookie: arr(key16, { uniqueItems: true, secret: true }),
    pagination: since('v25.4', arr(key16, { minItems: 1, secret: true })),
    // AES-256 / XChaCha20 keys: exactly 32 characters (FACTS.md §1.3).
    cipher: arr(str({ minLength: 32, maxLength: 32, secret: true }), { minItems: 1, secret: true }),
  },
  { secret: true },
)

// `ciphers` is open: a typo such as `ciphers.algoritm` is silently ignored (FACTS.md §2.4).
export const ciphers = open({
  algorithm: oneOf(['noop', 'aes', 'xchacha20-poly1305'], 'noop'),
})

const byteSize = (def: string) => str({ default: def, pattern: '^[0-9]+(B|KB|MB|GB|TB|PB|EB)' })

export const hashers = closed({
  algorithm: oneOf(['argon2', 'bcrypt'], 'bcrypt'),
  argon2: closed({
    memory: byteSize('128MB'),
    iterations: int({ default: 1, minimum: 1 }),
    parallelism: int({ minimum: 1 }),
    salt_length: int({ default: 16, minimum: 16 }),
    key_length: int({ default: 32, minimum: 16 }),
    expected_duration: dur('500ms'),
    expected_deviation: dur('500ms'),
    dedicated_memory: byteSize('1GB'),
  }),
  // Outside dev mode a cost below 12 is silently raised to 12 (FACTS.md §1.8).
  bcrypt: closed({ cost: int({ default: 12, minimum: 4, maximum: 31 }) }, { required: ['cost'] }),
})
