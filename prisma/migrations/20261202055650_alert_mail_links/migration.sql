-- AlterTable
ALTER TABLE "mail_outbox" ADD COLUMN     "alert_subscription_id" UUID,
ADD COLUMN     "video_id" UUID;

-- CreateIndex
CREATE INDEX "alert_subscription_frequency_subject_idx" ON "alert_subscription"("frequency", "subject");

-- CreateIndex
CREATE INDEX "mail_outbox_alert_subscription_id_idx" ON "mail_outbox"("alert_subscription_id");

-- CreateIndex
CREATE INDEX "mail_outbox_video_id_idx" ON "mail_outbox"("video_id");

-- AddForeignKey
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_alert_subscription_id_fkey" FOREIGN KEY ("alert_subscription_id") REFERENCES "alert_subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;
