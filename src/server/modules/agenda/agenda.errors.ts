import { defineErrors } from '../../platform/errors.ts'

export const AgendaErrors = defineErrors({
  AGENDA_ROLE_NOT_FOUND: [404, 'Cargo não encontrado.'],
  AGENDA_ROLE_DUPLICATE: [409, 'Já existe um cargo com este nome.'],
  AGENDA_TECHNICIAN_NOT_FOUND: [404, 'Técnico não encontrado.'],
  AGENDA_TECHNICIAN_INACTIVE: [409, 'Este técnico está inativo e não recebe agendamentos.'],
  AGENDA_BOOKING_NOT_FOUND: [404, 'Agendamento não encontrado.'],
  AGENDA_BOOKING_NOT_ACTIVE: [409, 'Este agendamento já foi cancelado ou concluído.'],
  AGENDA_CLIENT_NOT_FOUND: [404, 'Cliente não encontrado.'],
  AGENDA_PLAN_NOT_FOUND: [404, 'Plano do cliente não encontrado.'],
  AGENDA_OUTSIDE_HOURS: [400, 'O horário escolhido está fora do expediente do técnico.'],
  AGENDA_IN_PAST: [400, 'Não é possível agendar num horário que já passou.'],
  AGENDA_SLOT_TAKEN: [409, 'Este horário acabou de ser reservado para o técnico. Escolha outro horário.'],
  AGENDA_ROLE_FULL: [409, 'Nenhum técnico do cargo está livre neste horário. Escolha outro horário.'],
  AGENDA_ROLE_NO_TECHNICIANS: [409, 'Este cargo não tem técnicos ativos.'],
})
