import { Stack } from '@mantine/core'
import { PageHeader } from '../../shared/ui/page-header.tsx'
import { ChangePasswordCard } from './change-password-card.tsx'
import { KeypassCard } from './keypass-card.tsx'

/** `/portal/seguranca`: password and KEYPASS. */
export function PortalSecurityPage() {
  return (
    <>
      <PageHeader
        title="Segurança"
        description="Sua senha e o KEYPASS, a segunda etapa de segurança da sua conta."
      />
      <Stack gap="lg">
        <ChangePasswordCard />
        <KeypassCard />
      </Stack>
    </>
  )
}
