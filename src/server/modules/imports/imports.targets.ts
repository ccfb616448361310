import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Actor } from '../../platform/actor.ts'
import { isSystemActor } from '../../platform/actor.ts'
import { redact } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'
import { clientUsers } from '../client-users/client-users.tables.ts'

/**
 * The bulk writes of an import into the tables of the records it creates (client users and their
 * links, client organisations and their addresses, their audit entries). Each statement handles a
 * whole batch: the rows travel as one JSON parameter and are expanded by jsonb_to_recordset, so a
 * batch of 500 rows costs a handful of statements instead of thousands (ADR 0013). Everything runs
 * in the caller's transaction; the rules were checked by the same schemas as the single-record
 * screens during the dry run, and the unique indexes are the last guard (ON CONFLICT DO NOTHING:
 * a record that appeared since the dry run is skipped, never duplicated).
 */

type Rows<T> = { rows: T[] }
const rowsOf = <T>(res: unknown) => (res as Rows<T>).rows

export type NewClientUser = {
  rowNumber: number
  name: string
  email: string
  cpf: string | null
  phone: string | null
}
export type NewClientOrg = {
  rowNumber: number
  documentType: 'cpf' | 'cnpj'
  document: string
  name: string
  tradeName: string | null
  stateRegistration: string | null
  emails: string[]
  phones: string[]
  notes: string | null
}
export type NewAddress = {
  clientOrgId: string
  cep: string
  street: string
  number: string
  complement: string | null
  district: string
  city: string
  uf: string
}

export function importTargets(db: Db) {
  return {
    // ---- look-ups for the dry run ----
    async usersByEmail(tenantId: string, emails: string[]) {
      if (emails.length === 0) return new Map<string, { id: string; name: string }>()
      const res = await db.execute(sql`
        select id, name, lower(email) as email from client_users
        where tenant_id = ${tenantId} and lower(email) in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`)
      return new Map(rowsOf<{ id: string; name: string; email: string }>(res).map((r) => [r.email, r]))
    },
    async usersByCpf(tenantId: string, cpfs: string[]) {
      if (cpfs.length === 0) return new Map<string, { name: string; email: string }>()
      const res = await db.execute(sql`
        select cpf, name, email from client_users
        where tenant_id = ${tenantId} and cpf in (select jsonb_array_elements_text(${JSON.stringify(cpfs)}::jsonb))`)
      return new Map(rowsOf<{ cpf: string; name: string; email: string }>(res).map((r) => [r.cpf, r]))
    },
    async orgsByDocument(tenantId: string, documents: string[]) {
      if (documents.length === 0) return new Map<string, { id: string; name: string }>()
      const res = await db.execute(sql`
        select id, name, document from client_orgs
        where tenant_id = ${tenantId} and document in (select jsonb_array_elements_text(${JSON.stringify(documents)}::jsonb))`)
      return new Map(rowsOf<{ id: string; name: string; document: string }>(res).map((r) => [r.document, r]))
    },
    /** Organisations by exact name or trade name (case-insensitive): name → matches. */
    async orgsByName(tenantId: string, names: string[]) {
      const out = new Map<string, { id: string; name: string }[]>()
      if (names.length === 0) return out
      const res = await db.execute(sql`
        with wanted as (select distinct jsonb_array_elements_text(${JSON.stringify(names)}::jsonb) as name)
        select w.name as wanted, o.id, o.name from wanted w
        join client_orgs o on o.tenant_id = ${tenantId}
          and (lower(o.name) = w.name or lower(coalesce(o.trade_name, '')) = w.name)`)
      for (const r of rowsOf<{ wanted: string; id: string; name: string }>(res)) {
        const list = out.get(r.wanted) ?? []
        if (!list.some((o) => o.id === r.id)) list.push({ id: r.id, name: r.name })
        out.set(r.wanted, list)
      }
      return out
    },

    // ---- client users ----
    /** Inserts the users; returns the row number and id of those inserted (others already existed). */
    async insertClientUsers(tenantId: string, rows: NewClientUser[]) {
      if (rows.length === 0) return []
      const json = JSON.stringify(
        rows.map((r) => ({
          row_number: r.rowNumber,
          name: r.name,
          email: r.email,
          cpf: r.cpf,
          phone: r.phone,
        })),
      )
      const res = await db.execute(sql`
        with input as (
          select * from jsonb_to_recordset(${json}::jsonb)
            as x(row_number int, name text, email text, cpf text, phone text)
        ), ins as (
          insert into client_users (tenant_id, name, email, cpf, phone)
          select ${tenantId}::uuid, name, email, cpf, phone from input order by row_number
          on conflict do nothing
          returning id, lower(email) as email
        )
        select input.row_number, ins.id from ins join input on lower(input.email) = ins.email`)
      return rowsOf<{ row_number: number; id: string }>(res).map((r) => ({
        rowNumber: Number(r.row_number),
        id: r.id,
      }))
    },
    async insertUserDepartments(
      tenantId: string,
      rows: { clientUserId: string; departmentId: string; level: string }[],
    ) {
      if (rows.length === 0) return
      const json = JSON.stringify(
        rows.map((r) => ({ client_user_id: r.clientUserId, department_id: r.departmentId, level: r.level })),
      )
      // Joined with departments: one deleted since the dry run is left out instead of failing the batch.
      await db.execute(sql`
        insert into client_user_departments (tenant_id, client_user_id, department_id, level)
        select ${tenantId}::uuid, x.client_user_id, x.department_id, x.level
        from jsonb_to_recordset(${json}::jsonb) as x(client_user_id uuid, department_id uuid, level text)
        join departments d on d.tenant_id = ${tenantId} and d.id = x.department_id
        on conflict do nothing`)
    },
    async insertUserOrgs(tenantId: string, rows: { clientUserId: string; clientOrgId: string }[]) {
      if (rows.length === 0) return
      const json = JSON.stringify(
        rows.map((r) => ({ client_user_id: r.clientUserId, client_org_id: r.clientOrgId })),
      )
      await db.execute(sql`
        insert into client_user_orgs (tenant_id, client_user_id, client_org_id)
        select ${tenantId}::uuid, x.client_user_id, x.client_org_id
        from jsonb_to_recordset(${json}::jsonb) as x(client_user_id uuid, client_org_id uuid)
        join client_orgs o on o.tenant_id = ${tenantId} and o.id = x.client_org_id
        on conflict do nothing`)
    },
    async clientUsersByIds(tenantId: string, ids: string[]) {
      if (ids.length === 0) return []
      return db
        .select()
        .from(clientUsers)
        .where(and(eq(clientUsers.tenantId, tenantId), inArray(clientUsers.id, ids)))
    },
    async companiesOfUsers(tenantId: string, ids: string[]) {
      const out = new Map<string, string[]>()
      if (ids.length === 0) return out
      const res = await db.execute(sql`
        select client_user_id, client_org_id from client_user_orgs
        where tenant_id = ${tenantId} and client_user_id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
        order by client_user_id, client_org_id`)
      for (const r of rowsOf<{ client_user_id: string; client_org_id: string }>(res)) {
        out.set(r.client_user_id, [...(out.get(r.client_user_id) ?? []), r.client_org_id])
      }
      return out
    },
    /** Users (of these) who accepted an invitation: undo is refused while any did. */
    async acceptedUsers(tenantId: string, ids: string[]) {
      if (ids.length === 0) return []
      const res = await db.execute(sql`
        select name, email from client_users
        where tenant_id = ${tenantId} and id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
          and (user_id is not null or accepted_at is not null)
        order by name limit 5`)
      return rowsOf<{ name: string; email: string }>(res)
    },
    /** Users of this list whose latest invitation is still scheduled (not held for a training). */
    async usersAwaitingInvitation(tenantId: string, ids: string[]) {
      if (ids.length === 0) return []
      const res = await db.execute(sql`
        select cu.id from client_users cu
        join lateral (
          select i.status, i.held_for_org_id from invitations i
          where i.tenant_id = cu.tenant_id and i.client_user_id = cu.id order by i.created_at desc limit 1
        ) li on true
        where cu.tenant_id = ${tenantId} and cu.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
          and li.status = 'scheduled' and li.held_for_org_id is null and cu.user_id is null`)
      return rowsOf<{ id: string }>(res).map((r) => r.id)
    },
    async deleteClientUsers(tenantId: string, ids: string[]) {
      for (let i = 0; i < ids.length; i += 5000) {
        const chunk = ids.slice(i, i + 5000)
        await db.execute(sql`
          delete from client_users where tenant_id = ${tenantId}
            and id in (select jsonb_array_elements_text(${JSON.stringify(chunk)}::jsonb)::uuid)`)
      }
    },

    // ---- client organisations ----
    async insertClientOrgs(tenantId: string, rows: NewClientOrg[]) {
      if (rows.length === 0) return []
      const json = JSON.stringify(
        rows.map((r) => ({
          row_number: r.rowNumber,
          document_type: r.documentType,
          document: r.document,
          name: r.name,
          trade_name: r.tradeName,
          state_registration: r.stateRegistration,
          emails: r.emails,
          phones: r.phones,
          notes: r.notes,
        })),
      )
      const res = await db.execute(sql`
        with input as (
          select * from jsonb_to_recordset(${json}::jsonb) as x(row_number int, document_type text, document text,
            name text, trade_name text, state_registration text, emails text[], phones text[], notes text)
        ), ins as (
          insert into client_orgs (tenant_id, document_type, document, name, trade_name, state_registration, emails, phones, notes)
          select ${tenantId}::uuid, document_type, document, name, trade_name, state_registration,
            coalesce(emails, '{}'), coalesce(phones, '{}'), notes
          from input order by row_number
          on conflict do nothing
          returning id, document
        )
        select input.row_number, ins.id from ins join input on input.document = ins.document`)
      return rowsOf<{ row_number: number; id: string }>(res).map((r) => ({
        rowNumber: Number(r.row_number),
        id: r.id,
      }))
    },
    async insertOrgAddresses(tenantId: string, rows: NewAddress[]) {
      if (rows.length === 0) return
      const json = JSON.stringify(
        rows.map((a) => ({
          client_org_id: a.clientOrgId,
          cep: a.cep,
          street: a.street,
          number: a.number,
          complement: a.complement,
          district: a.district,
          city: a.city,
          uf: a.uf,
        })),
      )
      await db.execute(sql`
        insert into client_org_addresses (tenant_id, client_org_id, kind, cep, street, number, complement, district, city, uf)
        select ${tenantId}::uuid, x.client_org_id, 'principal', x.cep, x.street, x.number, x.complement, x.district, x.city, x.uf
        from jsonb_to_recordset(${json}::jsonb) as x(client_org_id uuid, cep text, street text, number text,
          complement text, district text, city text, uf text)`)
    },
    async deleteClientOrgs(tenantId: string, ids: string[]) {
      for (let i = 0; i < ids.length; i += 5000) {
        const chunk = ids.slice(i, i + 5000)
        await db.execute(sql`
          delete from client_orgs where tenant_id = ${tenantId}
            and id in (select jsonb_array_elements_text(${JSON.stringify(chunk)}::jsonb)::uuid)`)
      }
    },

    // ---- audit ----
    /** One audit entry per record, in one statement (recordAudit's columns and redaction). */
    async audit(
      actor: Actor,
      entries: { entity: string; entityId: string; action: string; after: unknown }[],
    ) {
      if (entries.length === 0) return
      const json = JSON.stringify(
        entries.map((e) => ({
          entity: e.entity,
          entity_id: e.entityId,
          action: e.action,
          after: redact(e.after),
        })),
      )
      await db.execute(sql`
        insert into audit_log (tenant_id, actor_user_id, actor_name, entity, entity_id, action, after, ip, request_id)
        select ${actor.tenantId}::uuid, ${isSystemActor(actor) ? null : actor.userId}::uuid, ${actor.name},
          x.entity, x.entity_id, x.action, x.after, ${actor.ip}, ${actor.requestId}
        from jsonb_to_recordset(${json}::jsonb) as x(entity text, entity_id text, action text, after jsonb)`)
    },
  }
}
