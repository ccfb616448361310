import {
  IconBuildingSkyscraper,
  IconCalendarEvent,
  IconCalendarTime,
  IconFileImport,
  IconFileText,
  IconHistory,
  IconHome,
  IconId,
  IconMail,
  IconPackage,
  IconRotateClockwise,
  IconSettings,
  IconShieldLock,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'
import { hasAll, PERMISSIONS, type PermissionRequirement } from '../permissions.ts'
import type { SessionContextValue } from '../session.tsx'

export interface NavItem {
  path: string
  label: string
  /** One line for the home page card. */
  description: string
  icon: ComponentType<{ size?: number | string; stroke?: number }>
  /** Permission(s) required to see the item; absent means every signed-in user. */
  permission?: PermissionRequirement
  platformAdminOnly?: boolean
  /** Modules still being built: routed to the "Em breve" page. */
  comingSoon?: string
}

export interface NavGroup {
  label: string | null
  items: NavItem[]
}

export const HOME_ITEM: NavItem = {
  path: '/',
  label: 'Início',
  description: 'Visão geral do seu ambiente.',
  icon: IconHome,
}

export const NAV_GROUPS: NavGroup[] = [
  { label: null, items: [HOME_ITEM] },
  {
    label: 'Operação',
    items: [
      {
        path: '/clientes',
        permission: PERMISSIONS.clientsRead,
        label: 'Clientes',
        description: 'Organizações atendidas, com CNPJ ou CPF, endereços, planos e usuários.',
        icon: IconBuildingSkyscraper,
      },
      {
        path: '/fichas',
        permission: PERMISSIONS.intakeManage,
        label: 'Fichas cadastrais',
        description: 'Recebimento, conferência e encaminhamento das fichas cadastrais.',
        icon: IconFileText,
      },
      {
        path: '/usuarios',
        // As in ONVIO, the menu only shows for people whose profile "Utiliza Portal do Cliente".
        permission: [PERMISSIONS.usersManage, PERMISSIONS.portalUse],
        label: 'Usuários de clientes',
        description: 'Convites, acesso ao portal, departamentos e KEYPASS dos usuários.',
        icon: IconUsers,
      },
      {
        path: '/eventos',
        permission: PERMISSIONS.eventsManage,
        label: 'Eventos e treinamentos',
        description: 'Agenda de eventos, inscrições, presença e certificados.',
        icon: IconCalendarEvent,
      },
      {
        path: '/planos',
        permission: PERMISSIONS.plansManage,
        label: 'Planos',
        description:
          'Catálogo de categorias, planos, serviços e preços; modelos de contrato e regras de cadastro.',
        icon: IconPackage,
      },
      {
        path: '/agenda',
        permission: 'agenda:manage',
        label: 'Agenda de instalações',
        description: 'Horários livres e agendamentos dos técnicos, por técnico ou por cargo.',
        icon: IconCalendarTime,
      },
      {
        path: '/importacao',
        permission: PERMISSIONS.importsRun,
        label: 'Importação',
        description:
          'Usuários de clientes e clientes em lote, a partir de planilhas Excel ou CSV: modelo, prévia com os erros de cada linha, progresso e relatório.',
        icon: IconFileImport,
      },
    ],
  },
  {
    label: 'Administração',
    items: [
      {
        path: '/equipe',
        label: 'Equipe',
        description: 'Membros da equipe, convites de acesso e perfis atribuídos.',
        icon: IconUsersGroup,
        permission: PERMISSIONS.staffRead,
      },
      {
        path: '/perfis',
        label: 'Perfis de acesso',
        description: 'Conjuntos de permissões atribuídos à equipe.',
        icon: IconShieldLock,
        permission: PERMISSIONS.profilesManage,
      },
      {
        path: '/auditoria',
        label: 'Auditoria',
        description: 'Quem fez o quê e quando, com os dados antes e depois.',
        icon: IconHistory,
        permission: PERMISSIONS.auditRead,
      },
      {
        path: '/caixa-de-saida',
        label: 'Caixa de saída',
        description: 'E-mails e SMS gerados pelo sistema no ambiente de desenvolvimento.',
        icon: IconMail,
        permission: PERMISSIONS.outboxRead,
      },
      {
        path: '/tarefas',
        label: 'Tarefas',
        description:
          'E-mails, avisos, certificados e outras tarefas que falharam, com o motivo e "Tentar de novo".',
        icon: IconRotateClockwise,
        permission: PERMISSIONS.settingsManage,
      },
      {
        path: '/configuracoes',
        label: 'Configurações',
        description: 'Validade dos convites, política de senhas e métodos de KEYPASS.',
        icon: IconSettings,
        permission: PERMISSIONS.settingsManage,
      },
      {
        path: '/inquilinos',
        label: 'Inquilinos',
        description: 'Prestadores de serviço que usam esta instalação.',
        icon: IconId,
        platformAdminOnly: true,
      },
    ],
  },
]

export function canSee(item: NavItem, session: Pick<SessionContextValue, 'user' | 'can'>): boolean {
  if (!session.user) return false
  if (item.platformAdminOnly) return session.user.isPlatformAdmin
  return hasAll(session.can, item.permission)
}

/** The navigation groups with only the items the user may see (empty groups dropped). */
export function visibleGroups(session: Pick<SessionContextValue, 'user' | 'can'>): NavGroup[] {
  return NAV_GROUPS.map((group) => ({
    ...group,
    items: group.items.filter((i) => canSee(i, session)),
  })).filter((group) => group.items.length > 0)
}
