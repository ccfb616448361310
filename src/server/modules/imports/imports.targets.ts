import { type SQL, sql } from 'drizzle-orm'
import type { Actor } from '../../platform/actor.ts'
import { auditInsertSql } from '../../platform/audit/audit.ts'
import type { Db } from '../../platform/db/database.ts'

/**
 * The reads and bulk writes of an import in the tables of the records it creates (client users and
 * their links, client organisations and their addresses, their audit entries). A batch is one
 * statement: data-modifying CTEs read the dry run's validated rows straight from import_rows, so 500
 * rows cost one round trip instead of thousands (ADR 0013). Everything runs in the caller's
 * transaction; the rules were checked by the same schemas as the single-record screens during the
 * dry run, and the unique indexes are the last guard (ON CONFLICT DO NOTHING: a record that appeared
 * since the dry run is skipped, never duplicated). Look-ups take their lists as one JSON parameter.
 */

type Rows<T> = { rows: T[] }
const rowsOf = <T>(res: unknown) => (res as Rows<T>).rows

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
    /**
     * One batch of a client-user import, in one statement: the valid rows of the batch's range are
     * read from the dry run's results and become users (ON CONFLICT DO NOTHING on the e-mail), with
     * their departments and companies (joined: one removed since the dry run is left out), what the
     * run created and one audit entry each. Returns how many rows were read, the users created, and
     * the rows whose e-mail was taken in the meantime.
     */
    async importUsersBatch(actor: Actor, runId: string, range: BatchRange): Promise<BatchResult> {
      const t = actor.tenantId
      const res = await db.execute(sql`
        with src as (
          select r.row_number, r.data as d from import_rows r
          where r.tenant_id = ${t} and r.run_id = ${runId} and r.status = 'ok'
            and r.row_number > ${range[0]} and r.row_number <= ${range[1]}
        ), ins as (
          insert into client_users (tenant_id, name, email, cpf, phone, permissions)
          select ${t}::uuid, d->>'name', d->>'email', d->>'cpf', d->>'phone',
            array(select jsonb_array_elements_text(coalesce(d->'permissions', '[]'::jsonb)))
          from src order by row_number
          on conflict do nothing
          returning id, lower(email) as email
        ), m as (
          select src.row_number, src.d, ins.id from ins join src on lower(src.d->>'email') = ins.email
        ), deps as (
          insert into client_user_departments (tenant_id, client_user_id, department_id, level)
          select ${t}::uuid, m.id, dep.id, e->>'level'
          from m cross join lateral jsonb_array_elements(m.d->'departments') e
          join departments dep on dep.tenant_id = ${t} and dep.id = (e->>'departmentId')::uuid
          on conflict do nothing
        ), orgs as (
          insert into client_user_orgs (tenant_id, client_user_id, client_org_id)
          select ${t}::uuid, m.id, o.id
          from m cross join lateral jsonb_array_elements_text(m.d->'companyIds') c
          join client_orgs o on o.tenant_id = ${t} and o.id = c::uuid
          on conflict do nothing
        ), created as (
          insert into import_created (tenant_id, run_id, row_number, entity, entity_id)
          select ${t}::uuid, ${runId}::uuid, m.row_number, 'client_user', m.id from m
        ), audit as (${auditFrom(
          actor,
          runId,
          'client_user',
          sql`jsonb_build_object('name', m.d->'name', 'email', m.d->'email', 'cpf', m.d->'cpfDisplay',
            'phone', m.d->'phoneDisplay', 'portalActive', true, 'isDemo', false,
            'permissions', coalesce(m.d->'permissions', '[]'::jsonb),
            'departments', m.d->'departments', 'companyIds', m.d->'companyIds')`,
        )})
        ${batchResult('email')}`)
      return toBatchResult(res)
    },

    /** Locks these users (in id order: no deadlock with another locker of the same users). */
    async lockClientUsers(tenantId: string, ids: string[]) {
      if (ids.length === 0) return
      await db.execute(sql`
        select id from client_users where tenant_id = ${tenantId}
          and id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
        order by id for update`)
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
    /** One batch of a client-organisation import, in one statement (as importUsersBatch). */
    async importOrgsBatch(actor: Actor, runId: string, range: BatchRange): Promise<BatchResult> {
      const t = actor.tenantId
      const res = await db.execute(sql`
        with src as (
          select r.row_number, r.data as d from import_rows r
          where r.tenant_id = ${t} and r.run_id = ${runId} and r.status = 'ok'
            and r.row_number > ${range[0]} and r.row_number <= ${range[1]}
        ), ins as (
          insert into client_orgs (tenant_id, document_type, document, name, trade_name, state_registration, emails, phones, notes,
            extra_fields)
          select ${t}::uuid, d->>'documentType', d->>'document', d->>'name', d->>'tradeName', d->>'stateRegistration',
            array(select jsonb_array_elements_text(d->'emails')), array(select jsonb_array_elements_text(d->'phones')),
            d->>'notes', coalesce(d->'extraFields', '{}'::jsonb)
          from src order by row_number
          on conflict do nothing
          returning id, document
        ), m as (
          select src.row_number, src.d, ins.id from ins join src on src.d->>'document' = ins.document
        ), addresses as (
          insert into client_org_addresses (tenant_id, client_org_id, kind, cep, street, number, complement, district, city, uf)
          select ${t}::uuid, m.id, 'principal', a->>'cep', a->>'street', a->>'number', a->>'complement', a->>'district',
            a->>'city', a->>'uf'
          from m cross join lateral (select m.d->'address' as a) x
          where jsonb_typeof(a) = 'object'
        ), created as (
          insert into import_created (tenant_id, run_id, row_number, entity, entity_id)
          select ${t}::uuid, ${runId}::uuid, m.row_number, 'client_org', m.id from m
        ), audit as (${auditFrom(actor, runId, 'client_org', sql`coalesce(m.d->'audit', '{}'::jsonb)`)})
        ${batchResult('document')}`)
      return toBatchResult(res)
    },

    /**
     * Deletes the clients an import created. The departments' folders the system creates when a
     * company's documents are first opened go with them while empty (no document, not even one in
     * the bin, and no subfolder); anything else that points at a client makes the delete fail.
     */
    async deleteClientOrgs(tenantId: string, ids: string[]) {
      for (let i = 0; i < ids.length; i += 5000) {
        const chunk = sql`(select jsonb_array_elements_text(${JSON.stringify(ids.slice(i, i + 5000))}::jsonb)::uuid)`
        await db.execute(sql`
          delete from document_folders f where f.tenant_id = ${tenantId} and f.is_system
            and f.client_org_id in ${chunk}
            and not exists (select 1 from documents d where d.tenant_id = f.tenant_id and d.folder_id = f.id)
            and not exists (select 1 from document_folders c where c.tenant_id = f.tenant_id and c.parent_id = f.id)`)
        await db.execute(sql`delete from client_orgs where tenant_id = ${tenantId} and id in ${chunk}`)
      }
    },

    /**
     * Refreshes the planner's statistics of the tables an import of this kind fills and that its
     * foreign-key checks and look-ups read (a client-user import: the users and their invitations; a
     * client import: the clients); with `all`, also the other side's table and the dry run's rows the
     * batches read. PGlite has no autovacuum and PostgreSQL's comes too late for a running import. A
     * table the database user does not own is skipped with a warning, not an error.
     */
    async analyze(kind: 'client_users' | 'client_orgs', all = false) {
      const [filled, other] =
        kind === 'client_users'
          ? [sql`client_users, invitations`, sql`client_orgs`]
          : [sql`client_orgs`, sql`client_users`]
      await db.execute(
        all ? sql`analyze ${filled}, ${other}, import_rows, import_created` : sql`analyze ${filled}`,
      )
    },
  }
}

/** A batch's rows: the valid rows after the first row number, up to and including the second. */
export type BatchRange = [after: number, upTo: number]

export type BatchResult = {
  rows: number
  created: number
  /** The records created, in row order. */
  ids: string[]
  /** Rows whose key (e-mail or document) was taken after the dry run. */
  missed: { rowNumber: number; key: string }[]
}

/** The audit entries of a batch's new records ("create", as the single-record screens write them). */
function auditFrom(actor: Actor, runId: string, entity: 'client_user' | 'client_org', after: SQL) {
  return auditInsertSql(actor, {
    entity,
    entityId: sql`m.id`,
    action: 'create',
    after: sql`${after} || jsonb_build_object('importRunId', ${runId}::text, 'importRow', m.row_number)`,
    from: sql`m`,
  })
}

function batchResult(key: 'email' | 'document') {
  return sql`
    select (select count(*) from src)::int as rows,
      (select count(*) from m)::int as created,
      coalesce((select jsonb_agg(m.id order by m.row_number) from m), '[]'::jsonb) as ids,
      coalesce((select jsonb_agg(jsonb_build_object('rowNumber', s.row_number, 'key', s.d->>${key}) order by s.row_number)
        from src s where not exists (select 1 from m where m.row_number = s.row_number)), '[]'::jsonb) as missed`
}

function toBatchResult(res: unknown): BatchResult {
  const [r] = rowsOf<{
    rows: number
    created: number
    ids: unknown
    missed: unknown
  }>(res)
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)
  const missed = json(r.missed)
  return {
    rows: Number(r.rows),
    created: Number(r.created),
    ids: json(r.ids) as string[],
    missed: missed as BatchResult['missed'],
  }
}
