CREATE TABLE "ficha_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"ficha_id" uuid NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ficha_attachments" ADD CONSTRAINT "ficha_attachments_ficha_id_fichas_id_fk" FOREIGN KEY ("ficha_id") REFERENCES "public"."fichas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ficha_attachments_ficha_idx" ON "ficha_attachments" USING btree ("tenant_id","ficha_id");