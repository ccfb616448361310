import { Button, Menu } from '@mantine/core'
import { IconChevronDown, IconFileExport, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react'
import type { QueryParams } from '../../shared/api.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'
import { useDownload } from '../../shared/use-download.ts'

interface ExportButtonsProps {
  /** The list under /api/v1/exports: "client-orgs", "client-users", "fichas", "plans", "client-orgs/<id>/plans". */
  list: string
  /** The list's current filters (search, situação…): the file has exactly what the screen lists. */
  params?: QueryParams
  size?: 'xs' | 'sm'
}

/** "Exportar" → ".xlsx (Excel)" / ".csv" for a list, with its filters; for whoever may export spreadsheets. */
export function ExportButtons({ list, params = {}, size = 'sm' }: ExportButtonsProps) {
  const { can } = useSession()
  const { busy, download } = useDownload()
  if (!can(PERMISSIONS.importsRun)) return null
  const exportAs = (format: 'xlsx' | 'csv') => download(`/exports/${list}`, { ...params, format })
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size={size}
          variant="default"
          loading={busy}
          leftSection={<IconFileExport size={18} />}
          rightSection={<IconChevronDown size={14} />}
        >
          Exportar
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Com os filtros da lista</Menu.Label>
        <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => void exportAs('xlsx')}>
          Exportar .xlsx (Excel)
        </Menu.Item>
        <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => void exportAs('csv')}>
          Exportar .csv
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
