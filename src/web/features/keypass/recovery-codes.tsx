import { Button, CopyButton, Group, Paper, SimpleGrid, Text } from '@mantine/core'
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react'

interface RecoveryCodesProps {
  codes: string[]
  /** Goes in the downloaded file. */
  account: string
}

function fileText(codes: string[], account: string): string {
  return [
    'Cadastra — códigos de recuperação do KEYPASS',
    `Conta: ${account}`,
    `Gerados em: ${new Date().toLocaleString('pt-BR', { timeZone: 'America/Sao_Paulo' })}`,
    '',
    'Cada código funciona uma única vez, no lugar do código do aplicativo.',
    'Guarde este arquivo em local seguro.',
    '',
    ...codes,
    '',
  ].join('\r\n')
}

/** The 10 recovery codes, with "Copiar códigos" and "Baixar .txt". */
export function RecoveryCodes({ codes, account }: RecoveryCodesProps) {
  function download() {
    const blob = new Blob([fileText(codes, account)], { type: 'text/plain;charset=utf-8' })
    const url = URL.createObjectURL(blob)
    const link = document.createElement('a')
    link.href = url
    link.download = 'cadastra-codigos-de-recuperacao.txt'
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  return (
    <>
      <Paper withBorder p="md" bg="gray.0">
        <SimpleGrid cols={2} spacing="xs" component="ol" aria-label="Códigos de recuperação" m={0} p={0}>
          {codes.map((code) => (
            <Text
              key={code}
              component="li"
              ff="monospace"
              fz="md"
              ta="center"
              style={{ listStyle: 'none', letterSpacing: '0.05em' }}
            >
              {code}
            </Text>
          ))}
        </SimpleGrid>
      </Paper>
      <Group gap="sm" grow>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
            >
              {copied ? 'Códigos copiados' : 'Copiar códigos'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={download}>
          Baixar .txt
        </Button>
      </Group>
    </>
  )
}
