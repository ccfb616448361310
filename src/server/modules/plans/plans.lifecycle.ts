import type { PlanStatus } from './plans.tables.ts'

/**
 * Plan status (seed 003 Obs1/Obs2): a plan is always in exactly one of Ativo, Inativo, Cancelado;
 * an inactive plan may return to active, a cancelled one never returns.
 */
export type TransitionCheck = { ok: true } | { ok: false; reason: 'same' | 'cancelled_final' }

export function checkTransition(from: PlanStatus, to: PlanStatus): TransitionCheck {
  if (from === to) return { ok: false, reason: 'same' }
  if (from === 'cancelado') return { ok: false, reason: 'cancelled_final' }
  return { ok: true }
}

export const STATUS_LABELS: Record<PlanStatus, string> = {
  ativo: 'Ativo',
  inativo: 'Inativo',
  cancelado: 'Cancelado',
}
