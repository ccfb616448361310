export { staffRoutes } from './staff.routes.ts'
export { addStaffMember } from './staff.service.ts'
