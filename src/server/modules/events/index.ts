export { certificatePdfBytes, createCertificatesJob, issueCertificates } from './events.certificates.ts'
export { createNotifyJob, createReminderJob, sendReminder } from './events.notify.ts'
export { eventsRoutes, joinRoute } from './events.routes.ts'
export type { EventsDeps } from './events.service.ts'
