import { Badge, Button, Paper } from '@mantine/core'
import { IconHourglassHigh } from '@tabler/icons-react'
import { Link } from 'react-router'
import { EmptyState } from './empty-state.tsx'
import type { NavItem } from './navigation.tsx'
import { PageHeader } from './page-header.tsx'

/** Placeholder for a module that is still being built. */
export function ComingSoonPage({ item }: { item: NavItem }) {
  return (
    <>
      <PageHeader
        title={item.label}
        description={item.description}
        actions={
          <Badge size="lg" variant="light" color="yellow">
            Em breve
          </Badge>
        }
      />
      <Paper withBorder p="xl">
        <EmptyState
          icon={<IconHourglassHigh size={28} stroke={1.5} />}
          title="Em breve"
          description={item.comingSoon}
        >
          <Button variant="default" component={Link} to="/">
            Voltar para o início
          </Button>
        </EmptyState>
      </Paper>
    </>
  )
}
