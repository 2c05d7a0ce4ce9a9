-- CreateEnum
CREATE TYPE "SubmissionNotice" AS ENUM ('IMMEDIATE', 'DAILY', 'NONE');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "last_digest_at" TIMESTAMPTZ(3),
ADD COLUMN     "notify_submissions" "SubmissionNotice" NOT NULL DEFAULT 'IMMEDIATE';

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "action" VARCHAR(64) NOT NULL,
    "subject_type" VARCHAR(32) NOT NULL,
    "subject_id" VARCHAR(64) NOT NULL,
    "municipality_istat" CHAR(6),
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reason_template" (
    "id" SERIAL NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "title" VARCHAR(100) NOT NULL,
    "text" VARCHAR(2000) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reason_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_outbox" (
    "id" BIGSERIAL NOT NULL,
    "recipient" VARCHAR(320) NOT NULL,
    "subject" VARCHAR(300) NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "kind" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "mail_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site_banner" (
    "id" SERIAL NOT NULL,
    "text_it" VARCHAR(300) NOT NULL,
    "text_en" VARCHAR(300) NOT NULL,
    "url" VARCHAR(500),
    "starts_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "site_banner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_note" (
    "id" SERIAL NOT NULL,
    "municipality_istat" CHAR(6) NOT NULL,
    "text" VARCHAR(300) NOT NULL,
    "url" VARCHAR(500),
    "valid_until" DATE NOT NULL,
    "removed_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_subject_type_subject_id_at_idx" ON "audit_event"("subject_type", "subject_id", "at");

-- CreateIndex
CREATE INDEX "audit_event_actor_id_at_idx" ON "audit_event"("actor_id", "at");

-- CreateIndex
CREATE INDEX "mail_outbox_sent_at_next_attempt_at_idx" ON "mail_outbox"("sent_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "site_banner_expires_at_idx" ON "site_banner"("expires_at");

-- CreateIndex
CREATE INDEX "service_note_municipality_istat_valid_until_idx" ON "service_note"("municipality_istat", "valid_until");

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_note" ADD CONSTRAINT "service_note_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The audit trail and the editorial history are append-only, whoever connects:
-- the application's own database user cannot rewrite or erase them.
CREATE FUNCTION "refuse_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER "audit_event_append_only"
    BEFORE UPDATE OR DELETE ON "audit_event"
    FOR EACH ROW EXECUTE FUNCTION "refuse_history_change"();
CREATE TRIGGER "audit_event_no_truncate"
    BEFORE TRUNCATE ON "audit_event"
    FOR EACH STATEMENT EXECUTE FUNCTION "refuse_history_change"();
CREATE TRIGGER "editorial_transition_append_only"
    BEFORE UPDATE OR DELETE ON "editorial_transition"
    FOR EACH ROW EXECUTE FUNCTION "refuse_history_change"();
CREATE TRIGGER "editorial_transition_no_truncate"
    BEFORE TRUNCATE ON "editorial_transition"
    FOR EACH STATEMENT EXECUTE FUNCTION "refuse_history_change"();

ALTER TABLE "reason_template" ADD CONSTRAINT "reason_template_kind" CHECK ("kind" IN ('requestChanges', 'reject'));
ALTER TABLE "site_banner" ADD CONSTRAINT "site_banner_ordered" CHECK ("expires_at" > "starts_at");
ALTER TABLE "site_banner" ADD CONSTRAINT "site_banner_url_http" CHECK ("url" IS NULL OR "url" ~ '^https?://');
ALTER TABLE "service_note" ADD CONSTRAINT "service_note_url_http" CHECK ("url" IS NULL OR "url" ~ '^https?://');
