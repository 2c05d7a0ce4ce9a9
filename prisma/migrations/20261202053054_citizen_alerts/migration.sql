-- CreateEnum
CREATE TYPE "AlertFrequency" AS ENUM ('IMMEDIATE', 'WEEKLY');

-- AlterTable
ALTER TABLE "demo_mail" ADD COLUMN     "list_unsubscribe" TEXT,
ADD COLUMN     "list_unsubscribe_post" TEXT;

-- AlterTable
ALTER TABLE "mail_outbox" ADD COLUMN     "headers" JSONB;

-- CreateTable
CREATE TABLE "alert_subscription" (
    "id" UUID NOT NULL,
    "email" VARCHAR(320) NOT NULL,
    "municipality_istat" CHAR(6),
    "theme_id" INTEGER,
    "subject" VARCHAR(32) NOT NULL,
    "frequency" "AlertFrequency" NOT NULL,
    "locale" VARCHAR(2) NOT NULL,
    "token" CHAR(43) NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_delivery" (
    "subscription_id" UUID NOT NULL,
    "video_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_delivery_pkey" PRIMARY KEY ("subscription_id","video_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_subscription_token_key" ON "alert_subscription"("token");

-- CreateIndex
CREATE INDEX "alert_subscription_municipality_istat_idx" ON "alert_subscription"("municipality_istat");

-- CreateIndex
CREATE INDEX "alert_subscription_theme_id_idx" ON "alert_subscription"("theme_id");

-- CreateIndex
CREATE UNIQUE INDEX "alert_subscription_email_subject_key" ON "alert_subscription"("email", "subject");

-- CreateIndex
CREATE INDEX "alert_delivery_video_id_idx" ON "alert_delivery"("video_id");

-- AddForeignKey
ALTER TABLE "alert_subscription" ADD CONSTRAINT "alert_subscription_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_subscription" ADD CONSTRAINT "alert_subscription_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "theme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "alert_subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_video_id_fkey" FOREIGN KEY ("video_id") REFERENCES "video"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The subject key says what the two columns say: a comune, a theme, or neither (everything), never both.
-- Addresses are kept in lower case; the portal has two languages.
ALTER TABLE "alert_subscription"
  ADD CONSTRAINT "alert_subscription_subject_matches" CHECK (
    num_nonnulls("municipality_istat", "theme_id") <= 1
    AND "subject" = COALESCE('comune:' || "municipality_istat", 'tema:' || "theme_id"::text, 'all')
  ),
  ADD CONSTRAINT "alert_subscription_email_lower" CHECK ("email" = lower("email") AND position('@' in "email") > 1),
  ADD CONSTRAINT "alert_subscription_locale" CHECK ("locale" IN ('it', 'en'));
