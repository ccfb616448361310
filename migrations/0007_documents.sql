CREATE TABLE "document_folders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_org_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"is_system" boolean DEFAULT false NOT NULL,
	"is_shared" boolean DEFAULT false NOT NULL,
	"created_by_staff_user_id" uuid,
	"created_by_client_user_id" uuid,
	"created_by_name" text,
	"deleted_at" timestamp with time zone,
	"deleted_by_user_id" uuid,
	"deleted_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_folders_tenant_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "document_folders_system_root_check" CHECK (not "document_folders"."is_system" or "document_folders"."parent_id" is null)
);
--> statement-breakpoint
CREATE TABLE "document_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"storage_key" text NOT NULL,
	"filename" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"mime" text NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_staff_user_id" uuid,
	"uploaded_by_client_user_id" uuid,
	"uploaded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_versions_uploader_check" CHECK (("document_versions"."uploaded_by_staff_user_id" is null) <> ("document_versions"."uploaded_by_client_user_id" is null)),
	CONSTRAINT "document_versions_size_check" CHECK ("document_versions"."size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"client_org_id" uuid NOT NULL,
	"folder_id" uuid NOT NULL,
	"name" text NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_by_staff_user_id" uuid,
	"created_by_client_user_id" uuid,
	"created_by_name" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_by_user_id" uuid,
	"deleted_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_tenant_id_key" UNIQUE("tenant_id","id"),
	CONSTRAINT "documents_publisher_check" CHECK (("documents"."created_by_staff_user_id" is null) <> ("documents"."created_by_client_user_id" is null))
);
--> statement-breakpoint
ALTER TABLE "document_folders" ADD CONSTRAINT "document_folders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_folders" ADD CONSTRAINT "document_folders_org_fk" FOREIGN KEY ("tenant_id","client_org_id") REFERENCES "public"."client_orgs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_folders" ADD CONSTRAINT "document_folders_department_fk" FOREIGN KEY ("tenant_id","department_id") REFERENCES "public"."departments"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_folders" ADD CONSTRAINT "document_folders_parent_fk" FOREIGN KEY ("tenant_id","parent_id") REFERENCES "public"."document_folders"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_fk" FOREIGN KEY ("tenant_id","document_id") REFERENCES "public"."documents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_folder_fk" FOREIGN KEY ("tenant_id","folder_id") REFERENCES "public"."document_folders"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_fk" FOREIGN KEY ("tenant_id","client_org_id") REFERENCES "public"."client_orgs"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_folders_system_key" ON "document_folders" USING btree ("tenant_id","client_org_id","department_id") WHERE "document_folders"."is_system";--> statement-breakpoint
CREATE UNIQUE INDEX "document_folders_name_key" ON "document_folders" USING btree ("tenant_id","client_org_id","department_id",coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),lower("name")) WHERE "document_folders"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "document_folders_org_idx" ON "document_folders" USING btree ("tenant_id","client_org_id","department_id");--> statement-breakpoint
CREATE INDEX "document_folders_parent_idx" ON "document_folders" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_key" ON "document_versions" USING btree ("document_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_storage_key" ON "document_versions" USING btree ("storage_key");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_name_key" ON "documents" USING btree ("folder_id",lower("name")) WHERE "documents"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "documents_folder_idx" ON "documents" USING btree ("tenant_id","folder_id");