import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * Symmetric encryption for secrets the server must read back (the KEYPASS TOTP seed): AES-256-GCM
 * with a key derived from SESSION_SECRET. Output: "v1.<iv>.<tag>.<ciphertext>" in base64url.
 */
export function sealSecret(masterSecret: string, plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterSecret), iv)
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    data.toString('base64url'),
  ].join('.')
}

export function openSecret(masterSecret: string, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.')
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('segredo em formato desconhecido')
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(masterSecret), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
}

function deriveKey(masterSecret: string): Buffer {
  return createHash('sha256').update(`cadastra:secret-box:v1:${masterSecret}`).digest()
}
