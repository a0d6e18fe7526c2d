CREATE TABLE "hubspot_rate_budgets" (
	"portal_id" text NOT NULL,
	"bucket" text NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "hubspot_rate_budgets_portal_id_bucket_pk" PRIMARY KEY("portal_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "hubspot_rate_slots" (
	"portal_id" text NOT NULL,
	"bucket" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "hubspot_rate_slots_idx" ON "hubspot_rate_slots" USING btree ("portal_id","bucket","at");