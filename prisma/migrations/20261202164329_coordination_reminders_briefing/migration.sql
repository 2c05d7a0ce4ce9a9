-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "briefing_locale" VARCHAR(2) NOT NULL DEFAULT 'it',
ADD COLUMN     "weekly_briefing" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "coordination_call" ADD COLUMN     "is_public" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "summary_sent_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "call_reminder" (
    "call_id" INTEGER NOT NULL,
    "municipality_istat" CHAR(6) NOT NULL,
    "days_before" SMALLINT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_reminder_pkey" PRIMARY KEY ("call_id","municipality_istat","days_before")
);

-- CreateTable
CREATE TABLE "coordination_meeting" (
    "id" SERIAL NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "link" VARCHAR(500) NOT NULL,
    "note" VARCHAR(300),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coordination_meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "briefing_delivery" (
    "user_id" UUID NOT NULL,
    "edition" VARCHAR(60) NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "briefing_delivery_pkey" PRIMARY KEY ("user_id","edition")
);

-- CreateIndex
CREATE INDEX "coordination_meeting_starts_at_idx" ON "coordination_meeting"("starts_at");

-- AddForeignKey
ALTER TABLE "call_reminder" ADD CONSTRAINT "call_reminder_call_id_municipality_istat_fkey" FOREIGN KEY ("call_id", "municipality_istat") REFERENCES "call_target"("call_id", "municipality_istat") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "briefing_delivery" ADD CONSTRAINT "briefing_delivery_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A briefing is written in one of the portal's languages.
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_briefing_locale" CHECK ("briefing_locale" IN ('it', 'en'));
-- Reminders go out within a month of the deadline.
ALTER TABLE "call_reminder" ADD CONSTRAINT "call_reminder_days_before" CHECK ("days_before" BETWEEN 1 AND 30);
-- A meeting's link is an https address; nothing else is put in a mail.
ALTER TABLE "coordination_meeting" ADD CONSTRAINT "coordination_meeting_link_https" CHECK ("link" LIKE 'https://%');
