ALTER TABLE "import_runs" ALTER COLUMN "file" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "import_runs" ADD COLUMN "file_key" text;--> statement-breakpoint
CREATE INDEX "client_users_cpf_idx" ON "client_users" USING btree ("tenant_id","cpf") WHERE "client_users"."cpf" is not null;