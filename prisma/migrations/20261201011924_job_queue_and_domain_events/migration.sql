-- DropIndex
DROP INDEX "mail_outbox_sent_at_next_attempt_at_idx";

-- AlterTable
ALTER TABLE "mail_outbox" DROP COLUMN "next_attempt_at",
ADD COLUMN     "source_event_id" BIGINT;

-- DropTable
DROP TABLE "job";

-- CreateTable
CREATE TABLE "domain_event" (
    "id" BIGSERIAL NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "aggregate_id" VARCHAR(64) NOT NULL,
    "municipality_istat" CHAR(6),
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "domain_event_type_created_at_idx" ON "domain_event"("type", "created_at");

-- CreateIndex
CREATE INDEX "domain_event_created_at_idx" ON "domain_event"("created_at");

-- CreateIndex
CREATE INDEX "mail_outbox_sent_at_idx" ON "mail_outbox"("sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "mail_outbox_source_event_id_recipient_kind_key" ON "mail_outbox"("source_event_id", "recipient", "kind");

-- Every committed event reaches every web process at once (LISTEN vc_domain_event):
-- they drop the pages it makes stale. NOTIFY is delivered on commit, never for a
-- rolled-back change; the payload is the id and type only (subscribers read the row).
CREATE FUNCTION "announce_domain_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('vc_domain_event', json_build_object('id', NEW."id"::text, 'type', NEW."type")::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER "domain_event_announce"
    AFTER INSERT ON "domain_event"
    FOR EACH ROW EXECUTE FUNCTION "announce_domain_event"();
