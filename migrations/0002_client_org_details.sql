CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "client_org_addresses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"cep" text NOT NULL,
	"street" text NOT NULL,
	"number" text NOT NULL,
	"complement" text,
	"district" text NOT NULL,
	"city" text NOT NULL,
	"uf" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_orgs" ADD COLUMN "trade_name" text;--> statement-breakpoint
ALTER TABLE "client_orgs" ADD COLUMN "state_registration" text;--> statement-breakpoint
ALTER TABLE "client_orgs" ADD COLUMN "emails" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "client_orgs" ADD COLUMN "phones" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "client_orgs" ADD COLUMN "environment" text DEFAULT 'producao' NOT NULL;--> statement-breakpoint
ALTER TABLE "client_orgs" ADD COLUMN "trained_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "client_orgs" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "client_orgs" ADD COLUMN "extra_fields" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "client_org_addresses" ADD CONSTRAINT "client_org_addresses_org_fk" FOREIGN KEY ("tenant_id","client_org_id") REFERENCES "public"."client_orgs"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_org_addresses_org_idx" ON "client_org_addresses" USING btree ("tenant_id","client_org_id");--> statement-breakpoint
CREATE INDEX "client_orgs_name_trgm" ON "client_orgs" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "client_orgs_trade_name_trgm" ON "client_orgs" USING gin (lower(coalesce("trade_name", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "client_orgs_document_trgm" ON "client_orgs" USING gin ("document" gin_trgm_ops);