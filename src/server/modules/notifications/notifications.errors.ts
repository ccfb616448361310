import { defineErrors } from '../../platform/errors.ts'

export const NotificationErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: [404, 'Notificação não encontrada.'],
})
