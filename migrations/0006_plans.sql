CREATE TABLE "agenda_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"technician_id" uuid NOT NULL,
	"role_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'agendado' NOT NULL,
	"client_org_id" uuid,
	"client_plan_id" uuid,
	"contact_name" text,
	"contact_phone" text,
	"notes" text,
	"rescheduled_to_id" uuid,
	"cancel_reason" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_bookings_tenant_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "agenda_bookings_range_check" CHECK ("agenda_bookings"."ends_at" > "agenda_bookings"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "agenda_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"working_hours" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_roles_tenant_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "technicians" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"role_id" uuid NOT NULL,
	"working_hours" jsonb,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "technicians_tenant_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "client_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_contacts_tenant_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "client_plan_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"summary" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_plan_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"login" text,
	"domain" text,
	"ip" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"password_sealed" text,
	"password_changed_at" timestamp with time zone,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"installation_address" jsonb,
	"billing_address" jsonb,
	"payment_method" text NOT NULL,
	"payment_details" jsonb,
	"due_day" integer NOT NULL,
	"debit_authorized_at" timestamp with time zone,
	"trial_ends_on" date,
	"contract_number" text,
	"sale_date" date,
	"installation_fee_cents" integer DEFAULT 0 NOT NULL,
	"installments" integer DEFAULT 1 NOT NULL,
	"validity_months" integer,
	"contract_template_id" uuid,
	"extra_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"acknowledged_warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_plans_tenant_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "client_plans_due_day_check" CHECK ("client_plans"."due_day" between 1 and 28),
	CONSTRAINT "client_plans_installments_check" CHECK ("client_plans"."installments" between 1 and 48)
);
--> statement-breakpoint
CREATE TABLE "client_setups" (
	"tenant_id" uuid NOT NULL,
	"client_org_id" uuid PRIMARY KEY NOT NULL,
	"trial_ends_on" date,
	"certificate_type" text,
	"invoice_series" text,
	"next_invoice_number" integer,
	"completed_at" timestamp with time zone,
	"moved_to_production_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_templates_tenant_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "plan_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"sort" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_categories_tenant_id_key" UNIQUE("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"price_cents" integer NOT NULL,
	"billing_cycle" text DEFAULT 'mensal' NOT NULL,
	"trial_days" integer DEFAULT 0 NOT NULL,
	"starts_in_homologation" boolean DEFAULT false NOT NULL,
	"initial_status" text DEFAULT 'ativo' NOT NULL,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_tenant_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "plans_price_check" CHECK ("plans"."price_cents" >= 0),
	CONSTRAINT "plans_trial_check" CHECK ("plans"."trial_days" between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "registration_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"category_id" uuid,
	"severity" text NOT NULL,
	"message" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agenda_bookings" ADD CONSTRAINT "agenda_bookings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_bookings" ADD CONSTRAINT "agenda_bookings_technician_fk" FOREIGN KEY ("tenant_id","technician_id") REFERENCES "public"."technicians"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_roles" ADD CONSTRAINT "agenda_roles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technicians" ADD CONSTRAINT "technicians_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technicians" ADD CONSTRAINT "technicians_role_fk" FOREIGN KEY ("tenant_id","role_id") REFERENCES "public"."agenda_roles"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_contacts" ADD CONSTRAINT "client_contacts_org_fk" FOREIGN KEY ("tenant_id","client_org_id") REFERENCES "public"."client_orgs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_plan_history" ADD CONSTRAINT "client_plan_history_plan_fk" FOREIGN KEY ("tenant_id","client_plan_id") REFERENCES "public"."client_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_plan_services" ADD CONSTRAINT "client_plan_services_plan_fk" FOREIGN KEY ("tenant_id","client_plan_id") REFERENCES "public"."client_plans"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_plans" ADD CONSTRAINT "client_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_plans" ADD CONSTRAINT "client_plans_org_fk" FOREIGN KEY ("tenant_id","client_org_id") REFERENCES "public"."client_orgs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_plans" ADD CONSTRAINT "client_plans_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "public"."plans"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_setups" ADD CONSTRAINT "client_setups_org_fk" FOREIGN KEY ("tenant_id","client_org_id") REFERENCES "public"."client_orgs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_templates" ADD CONSTRAINT "contract_templates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_categories" ADD CONSTRAINT "plan_categories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_category_fk" FOREIGN KEY ("tenant_id","category_id") REFERENCES "public"."plan_categories"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_rules" ADD CONSTRAINT "registration_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_bookings_day_idx" ON "agenda_bookings" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "agenda_bookings_plan_idx" ON "agenda_bookings" USING btree ("tenant_id","client_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_roles_name_key" ON "agenda_roles" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "technicians_role_idx" ON "technicians" USING btree ("tenant_id","role_id");--> statement-breakpoint
CREATE INDEX "client_contacts_org_idx" ON "client_contacts" USING btree ("tenant_id","client_org_id");--> statement-breakpoint
CREATE INDEX "client_plan_history_plan_idx" ON "client_plan_history" USING btree ("tenant_id","client_plan_id","created_at");--> statement-breakpoint
CREATE INDEX "client_plan_services_plan_idx" ON "client_plan_services" USING btree ("tenant_id","client_plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "client_plan_services_login_key" ON "client_plan_services" USING btree ("tenant_id","kind",lower("login"),lower(coalesce("domain", ''))) WHERE "client_plan_services"."login" is not null and "client_plan_services"."is_active";--> statement-breakpoint
CREATE UNIQUE INDEX "client_plans_number_key" ON "client_plans" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "client_plans_org_idx" ON "client_plans" USING btree ("tenant_id","client_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "contract_templates_name_key" ON "contract_templates" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "plan_categories_name_key" ON "plan_categories" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "plans_name_key" ON "plans" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE INDEX "plans_category_idx" ON "plans" USING btree ("tenant_id","category_id");--> statement-breakpoint
CREATE INDEX "registration_rules_tenant_idx" ON "registration_rules" USING btree ("tenant_id");--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "agenda_bookings" ADD CONSTRAINT "agenda_bookings_no_overlap" EXCLUDE USING gist ("tenant_id" WITH =, "technician_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" = 'agendado');
