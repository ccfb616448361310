import { Grid, PasswordInput, Text, TextInput } from '@mantine/core'
import { maskPhone } from '../../../shared/documents.ts'
import { PasswordStrength } from '../../shared/ui/password-strength.tsx'
import type { AccountForm } from './trial-form.ts'

/** Etapa 2: contact (responsável, telefone) and the client's login (e-mail, senha + confirmação). */
export function LoginStep({ form }: { form: AccountForm }) {
  const values = form.getValues()
  return (
    <Grid gap="md">
      <Grid.Col span={12}>
        <Text size="sm" fw={600}>
          Dados para contato
        </Text>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput
          label="Nome do responsável"
          required
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('contact.name')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 5 }}>
        <TextInput
          label="Telefone"
          type="tel"
          inputMode="tel"
          placeholder="(27) 99999-9999"
          required
          autoComplete="off"
          {...form.getInputProps('contact.phone')}
          onChange={(event) => form.setFieldValue('contact.phone', maskPhone(event.currentTarget.value))}
        />
      </Grid.Col>
      <Grid.Col span={12} mt="sm">
        <Text size="sm" fw={600}>
          Login de acesso ao sistema
        </Text>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput
          label="E-mail de login"
          description="Use um e-mail do próprio cliente: é por ele que a senha pode ser trocada."
          type="email"
          inputMode="email"
          placeholder="contato@empresa.com.br"
          required
          autoComplete="off"
          {...form.getInputProps('login.email')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <PasswordInput
          label="Senha"
          required
          autoComplete="new-password"
          {...form.getInputProps('login.password')}
          {...invalid('trial-password', form.errors['login.password'])}
        />
        <PasswordStrength password={values.login.password} email={values.login.email.trim() || null} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <PasswordInput
          label="Confirmação da senha"
          required
          autoComplete="new-password"
          {...form.getInputProps('login.passwordConfirmation')}
          {...invalid('trial-password-confirmation', form.errors['login.passwordConfirmation'])}
        />
      </Grid.Col>
    </Grid>
  )
}

/** Mantine's PasswordInput leaves aria-invalid off its input: set it, and point to the message. */
function invalid(id: string, error: unknown) {
  return error ? { id, 'aria-invalid': true, 'aria-describedby': `${id}-error` } : { id }
}
