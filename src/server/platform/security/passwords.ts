import { hash, verify } from '@node-rs/argon2'

// argon2id with the library defaults (19 MiB, t=2, p=1: the OWASP recommendation).
const ARGON2ID = 2

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID })
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Same cost as a real check, so response time does not reveal whether the account exists.
    await verify(DUMMY_HASH, password).catch(() => false)
    return false
  }
  return verify(passwordHash, password).catch(() => false)
}

const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0F8aFTAgT8Mqp7bdmVyJ7OsJ8bhyVjTwxLzMn0B56UQ'
