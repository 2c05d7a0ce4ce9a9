-- CreateIndex
CREATE INDEX "video_call_id_status_published_at_idx" ON "video"("call_id", "status", "published_at" DESC);
