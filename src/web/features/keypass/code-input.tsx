import { TextInput, type TextInputProps } from '@mantine/core'

/** Keeps only digits, at most 6: what a KEYPASS (TOTP) code looks like. */
export function cleanTotp(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6)
}

/** A recovery code as typed: letters and digits, lower case, `xxxxx-xxxxx`. */
export function cleanRecoveryCode(value: string): string {
  const chars = value
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '')
    .slice(0, 10)
  return chars.length > 5 ? `${chars.slice(0, 5)}-${chars.slice(5)}` : chars
}

export const TOTP_PATTERN = /^\d{6}$/
export const RECOVERY_PATTERN = /^[0-9a-z]{5}-[0-9a-z]{5}$/

interface CodeInputProps extends Omit<TextInputProps, 'onChange' | 'value'> {
  value: string
  onChange: (value: string) => void
}

/** The 6-digit code of the authenticator app ("Código KEYPASS" unless told otherwise). */
export function KeypassCodeInput({ value, onChange, label = 'Código KEYPASS', ...props }: CodeInputProps) {
  return (
    <TextInput
      label={label}
      inputMode="numeric"
      autoComplete="one-time-code"
      placeholder="000000"
      maxLength={6}
      value={value}
      onChange={(event) => onChange(cleanTotp(event.currentTarget.value))}
      styles={{
        input: { letterSpacing: '0.35em', fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 20 },
      }}
      {...props}
    />
  )
}
