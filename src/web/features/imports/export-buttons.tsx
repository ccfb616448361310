import { Button, Menu } from '@mantine/core'
import { IconChevronDown, IconFileExport, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react'
import { API_BASE, type QueryParams, withQuery } from '../../shared/api.ts'
import { PERMISSIONS } from '../../shared/permissions.ts'
import { useSession } from '../../shared/session.tsx'

interface ExportButtonsProps {
  /** The list under /api/v1/exports: "client-orgs", "client-users", "fichas", "client-orgs/<id>/plans". */
  list: string
  /** The list's current filters (search, situação…): the file has exactly what the screen lists. */
  params?: QueryParams
  size?: 'xs' | 'sm'
}

/** "Exportar" → ".xlsx (Excel)" / ".csv" for a list, with its filters; for whoever may export spreadsheets. */
export function ExportButtons({ list, params = {}, size = 'sm' }: ExportButtonsProps) {
  const { can } = useSession()
  if (!can(PERMISSIONS.importsRun)) return null
  const href = (format: 'xlsx' | 'csv') => withQuery(`${API_BASE}/exports/${list}`, { ...params, format })
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size={size}
          variant="default"
          leftSection={<IconFileExport size={18} />}
          rightSection={<IconChevronDown size={14} />}
        >
          Exportar
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Com os filtros da lista</Menu.Label>
        <Menu.Item component="a" href={href('xlsx')} download leftSection={<IconFileSpreadsheet size={16} />}>
          Exportar .xlsx (Excel)
        </Menu.Item>
        <Menu.Item component="a" href={href('csv')} download leftSection={<IconFileTypeCsv size={16} />}>
          Exportar .csv
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
