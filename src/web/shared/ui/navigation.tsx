import {
  IconBuildingSkyscraper,
  IconCalendarEvent,
  IconFileImport,
  IconFileText,
  IconHistory,
  IconHome,
  IconId,
  IconMail,
  IconPackage,
  IconShieldLock,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'
import { PERMISSIONS } from '../permissions.ts'
import type { SessionContextValue } from '../session.tsx'

export interface NavItem {
  path: string
  label: string
  /** One line for the home page card. */
  description: string
  icon: ComponentType<{ size?: number | string; stroke?: number }>
  /** Permission required to see the item; absent means every signed-in user. */
  permission?: string
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
        comingSoon:
          'Aqui você vai cadastrar e acompanhar as organizações clientes: dados de CNPJ ou CPF, endereços, ambiente de homologação ou produção, planos contratados e usuários.',
      },
      {
        path: '/fichas',
        permission: PERMISSIONS.intakeManage,
        label: 'Fichas cadastrais',
        description: 'Recebimento, conferência e encaminhamento das fichas cadastrais.',
        icon: IconFileText,
        comingSoon:
          'Aqui você vai receber as fichas cadastrais pelo formulário público ou por anexo, conferir o que falta, devolver fichas incompletas e acompanhar prazos vencendo e vencidos.',
      },
      {
        path: '/usuarios',
        permission: PERMISSIONS.usersManage,
        label: 'Usuários de clientes',
        description: 'Convites, acesso ao portal, departamentos e KEYPASS dos usuários.',
        icon: IconUsers,
        comingSoon:
          'Aqui você vai criar os usuários dos clientes, enviar convites agora ou depois, definir departamentos e níveis de acesso e acompanhar a situação de cada convite.',
      },
      {
        path: '/eventos',
        permission: PERMISSIONS.eventsManage,
        label: 'Eventos e treinamentos',
        description: 'Agenda de eventos, inscrições, presença e certificados.',
        icon: IconCalendarEvent,
        comingSoon:
          'Aqui você vai agendar eventos e treinamentos, abrir inscrições, registrar presença e emitir certificados com código de verificação.',
      },
      {
        path: '/planos',
        permission: PERMISSIONS.plansManage,
        label: 'Planos',
        description: 'Catálogo de categorias, planos, serviços e preços.',
        icon: IconPackage,
        comingSoon:
          'Aqui você vai montar o catálogo de categorias, planos e serviços, com preços, e acompanhar os planos contratados por cada cliente.',
      },
      {
        path: '/importacao',
        permission: PERMISSIONS.importsRun,
        label: 'Importação',
        description: 'Importação de planilhas de clientes e usuários.',
        icon: IconFileImport,
        comingSoon:
          'Aqui você vai importar clientes e usuários a partir de planilhas Excel ou CSV, com modelo para download, prévia com os erros de cada linha e relatório de erros.',
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
        description: 'E-mails gerados pelo sistema no ambiente de desenvolvimento.',
        icon: IconMail,
        permission: PERMISSIONS.outboxRead,
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
  return item.permission ? session.can(item.permission) : true
}

/** The navigation groups with only the items the user may see (empty groups dropped). */
export function visibleGroups(session: Pick<SessionContextValue, 'user' | 'can'>): NavGroup[] {
  return NAV_GROUPS.map((group) => ({
    ...group,
    items: group.items.filter((i) => canSee(i, session)),
  })).filter((group) => group.items.length > 0)
}
