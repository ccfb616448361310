import { Center, Group, Loader, Text, TextInput, type TextInputProps } from '@mantine/core'
import type { ReactNode } from 'react'
import { maskCpf } from '../../../shared/documents.ts'
import { PublicLayout } from '../intake/public-layout.tsx'

/** A labelled line of the event's details: icon, label on the left, value on the right. */
export function InfoLine({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Center c="brand.7" mt={2} style={{ flexShrink: 0 }}>
        {icon}
      </Center>
      <div style={{ minWidth: 0 }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} lh={1.4}>
          {label}
        </Text>
        {typeof children === 'string' ? <Text fw={500}>{children}</Text> : children}
      </div>
    </Group>
  )
}

/** The CPF field with the 000.000.000-00 mask applied while typing. */
export function CpfInput({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      placeholder="000.000.000-00"
      maxLength={14}
      value={value}
      onChange={(event) => onChange(maskCpf(event.currentTarget.value))}
      {...props}
    />
  )
}

/** A public page while its data loads. */
export function PublicLoading({ title }: { title: string }) {
  return (
    <PublicLayout title={title} width={640}>
      <Center py="xl">
        <Loader aria-label="Carregando" />
      </Center>
    </PublicLayout>
  )
}
