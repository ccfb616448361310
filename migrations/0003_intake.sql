CREATE TABLE "ficha_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ficha_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_name" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fichas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"protocol" text NOT NULL,
	"secret_hash" text NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'recebida' NOT NULL,
	"data" jsonb NOT NULL,
	"sender_name" text NOT NULL,
	"sender_email" text NOT NULL,
	"missing" text[] DEFAULT '{}'::text[] NOT NULL,
	"holder_user_id" uuid,
	"holder_name" text,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_on" text,
	"search_text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ficha_events" ADD CONSTRAINT "ficha_events_ficha_id_fichas_id_fk" FOREIGN KEY ("ficha_id") REFERENCES "public"."fichas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fichas" ADD CONSTRAINT "fichas_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ficha_events_ficha_idx" ON "ficha_events" USING btree ("tenant_id","ficha_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fichas_protocol_key" ON "fichas" USING btree ("protocol");--> statement-breakpoint
CREATE INDEX "fichas_tenant_status_idx" ON "fichas" USING btree ("tenant_id","status","due_on");--> statement-breakpoint
CREATE INDEX "fichas_search_trgm" ON "fichas" USING gin ("search_text" gin_trgm_ops);