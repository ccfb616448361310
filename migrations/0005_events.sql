CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"participant_name" text NOT NULL,
	"cpf_masked" text NOT NULL,
	"event_description" text NOT NULL,
	"event_starts_at" timestamp with time zone NOT NULL,
	"event_ends_at" timestamp with time zone NOT NULL,
	"workload_minutes" integer NOT NULL,
	"pdf" "bytea" NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"revoked_by" text,
	"mail_message_id" uuid
);
--> statement-breakpoint
CREATE TABLE "event_attendance" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"source" text NOT NULL,
	"present" boolean DEFAULT true NOT NULL,
	"actor_name" text,
	"ip" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_mails" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mail_message_id" uuid NOT NULL,
	"batch_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"main_registration_id" uuid,
	"client_user_id" uuid,
	"client_org_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"cpf" text,
	"status" text DEFAULT 'inscrito' NOT NULL,
	"source" text NOT NULL,
	"consent_at" timestamp with time zone,
	"attended_at" timestamp with time zone,
	"attendance_source" text,
	"cancelled_at" timestamp with time zone,
	"cpf_requested_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"is_training" boolean DEFAULT false NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" integer NOT NULL,
	"main_event_id" uuid,
	"description" text NOT NULL,
	"description_custom" boolean DEFAULT true NOT NULL,
	"responsible_user_id" uuid,
	"responsible_name" text,
	"type_id" uuid NOT NULL,
	"client_org_id" uuid,
	"location" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'aberto' NOT NULL,
	"online_url" text,
	"public_registration" boolean DEFAULT false NOT NULL,
	"capacity" integer,
	"workload_minutes" integer DEFAULT 60 NOT NULL,
	"slug" text NOT NULL,
	"ics_sequence" integer DEFAULT 0 NOT NULL,
	"art_mime" text,
	"art" "bytea",
	"art_updated_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_period_check" CHECK ("events"."ends_at" > "events"."starts_at"),
	CONSTRAINT "events_capacity_check" CHECK ("events"."capacity" is null or "events"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "tenant_logos" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "held_for_org_id" uuid;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_types" ADD CONSTRAINT "event_types_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_type_id_event_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."event_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_client_org_id_client_orgs_id_fk" FOREIGN KEY ("client_org_id") REFERENCES "public"."client_orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_logos" ADD CONSTRAINT "tenant_logos_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_key" ON "certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_version_key" ON "certificates" USING btree ("registration_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_valid_key" ON "certificates" USING btree ("registration_id") WHERE "certificates"."status" = 'valid';--> statement-breakpoint
CREATE INDEX "certificates_event_idx" ON "certificates" USING btree ("tenant_id","event_id");--> statement-breakpoint
CREATE INDEX "event_attendance_registration_idx" ON "event_attendance" USING btree ("registration_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_mails_batch_key" ON "event_mails" USING btree ("registration_id","batch_id");--> statement-breakpoint
CREATE INDEX "event_mails_event_idx" ON "event_mails" USING btree ("tenant_id","event_id","created_at");--> statement-breakpoint
CREATE INDEX "event_mails_registration_idx" ON "event_mails" USING btree ("registration_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_active_key" ON "event_registrations" USING btree ("event_id",lower("email")) WHERE "event_registrations"."status" <> 'cancelado';--> statement-breakpoint
CREATE INDEX "event_registrations_event_idx" ON "event_registrations" USING btree ("event_id","status","created_at");--> statement-breakpoint
CREATE INDEX "event_registrations_main_idx" ON "event_registrations" USING btree ("main_registration_id");--> statement-breakpoint
CREATE INDEX "event_registrations_user_idx" ON "event_registrations" USING btree ("tenant_id","client_user_id");--> statement-breakpoint
CREATE INDEX "event_registrations_email_idx" ON "event_registrations" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "event_types_name_key" ON "event_types" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "events_code_key" ON "events" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "events_slug_key" ON "events" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "events_starts_idx" ON "events" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "events_main_idx" ON "events" USING btree ("tenant_id","main_event_id");--> statement-breakpoint
CREATE INDEX "events_client_org_idx" ON "events" USING btree ("tenant_id","client_org_id");--> statement-breakpoint
CREATE INDEX "invitations_held_idx" ON "invitations" USING btree ("tenant_id","held_for_org_id") WHERE "invitations"."status" = 'scheduled' and "invitations"."held_for_org_id" is not null;