import { Box, Button, Grid, Group, TextInput } from '@mantine/core'
import { IconWand } from '@tabler/icons-react'
import type { RefObject } from 'react'
import { detectDocumentType, isValidCnpj, maskDocument } from '../../../shared/documents.ts'
import type { ClientOrgForm } from '../client-orgs/client-org-form.ts'
import {
  CnpjResult,
  StateRegistrationField,
  type useCnpjLookup,
} from '../client-orgs/client-org-form-page.tsx'

interface CompanyStepProps {
  form: ClientOrgForm
  /** Kept by the wizard, so the Receita Federal result survives going to step 4 and back. */
  lookup: ReturnType<typeof useCnpjLookup>
  stateRegistrationRef: RefObject<HTMLInputElement | null>
}

/**
 * Etapa 3: CNPJ or CPF, "Preencher Cadastro" (the client form's Receita Federal lookup, which also
 * keeps the address for the next step) and the company data; the Inscrição Estadual is typed.
 */
export function CompanyStep({ form, lookup, stateRegistrationRef }: CompanyStepProps) {
  const [cnpj, setCnpj, lookupCnpj] = lookup
  const values = form.getValues()
  const documentType = detectDocumentType(values.document)
  const canLookup = documentType === 'cnpj' && isValidCnpj(values.document)

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, sm: 8 }}>
        <Group gap="xs" align="flex-start" wrap="wrap">
          <TextInput
            label="CNPJ ou CPF"
            required
            autoComplete="off"
            inputMode="numeric"
            data-autofocus
            style={{ flex: '1 1 260px' }}
            description={
              documentType === 'cpf'
                ? 'Pessoa física ou produtor rural: preencha os dados à mão.'
                : 'Digite só os números. Empresa: CNPJ; pessoa física ou produtor rural: CPF.'
            }
            {...form.getInputProps('document')}
            onChange={(event) => {
              form.setFieldValue('document', maskDocument(event.currentTarget.value))
              if (cnpj.kind !== 'loading') setCnpj({ kind: 'idle' })
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && canLookup) {
                event.preventDefault()
                void lookupCnpj()
              }
            }}
          />
          <Box pt={{ base: 0, xs: 45 }}>
            <Button
              leftSection={<IconWand size={16} />}
              disabled={!canLookup}
              loading={cnpj.kind === 'loading'}
              onClick={() => void lookupCnpj()}
              title={canLookup ? undefined : 'Digite um CNPJ completo e válido'}
            >
              Preencher Cadastro
            </Button>
          </Box>
        </Group>
      </Grid.Col>
      <CnpjResult state={cnpj} />
      <Grid.Col span={12}>
        <TextInput label="Razão social ou nome" required autoComplete="off" {...form.getInputProps('name')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput label="Nome fantasia" autoComplete="off" {...form.getInputProps('tradeName')} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="E-mail da empresa"
          type="email"
          inputMode="email"
          placeholder="contato@empresa.com.br"
          autoComplete="off"
          {...form.getInputProps('emails.0')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <StateRegistrationField form={form} inputRef={stateRegistrationRef} />
      </Grid.Col>
    </Grid>
  )
}
