import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Secret, TOTP } from 'otpauth'
import { openSecret, sealSecret } from '#server/platform/security/secret-box.ts'
import {
  generateRecoveryCodes,
  generateTotpSecret,
  normalizeRecoveryCode,
  totpCode,
  totpStep,
  totpUri,
  verifyTotp,
} from '#server/platform/security/totp.ts'

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890"; 8-digit codes.
const RFC_SEED = Secret.fromLatin1('12345678901234567890')
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
]

describe('KEYPASS (TOTP, RFC 6238)', () => {
  test('the RFC 6238 SHA-1 test vectors pass with the same library settings', () => {
    for (const [seconds, expected] of RFC_VECTORS) {
      const totp = new TOTP({ algorithm: 'SHA1', digits: 8, period: 30, secret: RFC_SEED })
      assert.equal(totp.generate({ timestamp: seconds * 1000 }), expected, `T=${seconds}`)
    }
    // Our 6-digit codes are the last 6 digits of the same HOTP value (RFC 4226 truncation).
    const secret = RFC_SEED.base32
    assert.equal(totpCode(secret, 59_000), '287082')
    assert.equal(totpCode(secret, 1111111109_000), '081804')
  })

  test('a code is accepted in its step and one step either side, and refused when replayed', () => {
    const secret = generateTotpSecret()
    const now = 1_795_000_000_000
    const code = totpCode(secret, now)
    const step = verifyTotp(secret, code, { now })
    assert.equal(step, totpStep(now))
    assert.equal(
      verifyTotp(secret, code, { now: now + 30_000 }),
      totpStep(now),
      'next step: clock drift tolerated',
    )
    assert.equal(verifyTotp(secret, code, { now: now + 90_000 }), null, 'too old')
    assert.equal(verifyTotp(secret, code, { now, lastStep: step }), -1, 'replay of the same step')
    assert.equal(verifyTotp(secret, '12345', { now }), null)
    assert.equal(verifyTotp(secret, 'abcdef', { now }), null)
  })

  test('the otpauth URI carries issuer, account and the standard parameters', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'Cadastra', 'maria@exemplo.com.br')
    assert.match(uri, /^otpauth:\/\/totp\/Cadastra:maria%40exemplo\.com\.br\?/)
    assert.match(uri, /secret=JBSWY3DPEHPK3PXP/)
    assert.match(uri, /algorithm=SHA1/)
    assert.match(uri, /digits=6/)
    assert.match(uri, /period=30/)
  })

  test('recovery codes: ten distinct, readable codes; normalisation ignores case and dashes', () => {
    const codes = generateRecoveryCodes()
    assert.equal(codes.length, 10)
    assert.equal(new Set(codes).size, 10)
    for (const c of codes) assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/)
    assert.equal(normalizeRecoveryCode(' K7M2Q-X9P4T '), 'k7m2qx9p4t')
  })

  test('sealed secrets round-trip and cannot be opened with another key or when altered', () => {
    const sealed = sealSecret('chave-mestra-1', 'JBSWY3DPEHPK3PXP')
    assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/)
    assert.equal(openSecret('chave-mestra-1', sealed), 'JBSWY3DPEHPK3PXP')
    assert.throws(() => openSecret('chave-mestra-2', sealed))
    // Flip one bit of the ciphertext, then of the tag: each must be refused (not a re-encoding of
    // the same bytes, which a replaced base64 character can be once in 256 runs).
    for (const at of [3, 2]) {
      const parts = sealed.split('.')
      const bytes = Buffer.from(parts[at], 'base64url')
      bytes[0] ^= 0x01
      parts[at] = bytes.toString('base64url')
      assert.throws(() => openSecret('chave-mestra-1', parts.join('.')))
    }
  })
})
