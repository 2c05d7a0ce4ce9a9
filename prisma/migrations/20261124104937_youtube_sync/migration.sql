-- CreateEnum
CREATE TYPE "SyncState" AS ENUM ('QUEUED', 'UPLOADING', 'ATTACHING', 'PROCESSING', 'LIVE', 'UPDATING', 'UNPUBLISHING', 'REMOVED', 'FAILED', 'MISSING');

-- CreateTable
CREATE TABLE "job" (
    "id" BIGSERIAL NOT NULL,
    "kind" VARCHAR(64) NOT NULL,
    "key" VARCHAR(128) NOT NULL,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "locked_by" VARCHAR(128),
    "locked_until" TIMESTAMPTZ(3),
    "waiting_for" VARCHAR(32),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "youtube_channel" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "channel_id" VARCHAR(64) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "uploads_playlist" VARCHAR(64),
    "refresh_token" TEXT,
    "connected_at" TIMESTAMPTZ(3) NOT NULL,
    "connected_by_id" UUID,
    "disconnected_at" TIMESTAMPTZ(3),
    "disconnect_reason" TEXT,

    CONSTRAINT "youtube_channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "youtube_sync" (
    "video_id" UUID NOT NULL,
    "state" "SyncState" NOT NULL DEFAULT 'QUEUED',
    "resume_state" "SyncState",
    "youtube_video_id" VARCHAR(32),
    "upload_session" TEXT,
    "bytes_confirmed" BIGINT NOT NULL DEFAULT 0,
    "bytes_total" BIGINT,
    "captions_done" BOOLEAN NOT NULL DEFAULT false,
    "metadata_dirty" BOOLEAN NOT NULL DEFAULT false,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "youtube_sync_pkey" PRIMARY KEY ("video_id")
);

-- CreateTable
CREATE TABLE "sync_transition" (
    "id" BIGSERIAL NOT NULL,
    "video_id" UUID NOT NULL,
    "from" "SyncState",
    "to" "SyncState" NOT NULL,
    "event" VARCHAR(32) NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "youtube_playlist" (
    "key" VARCHAR(64) NOT NULL,
    "playlist_id" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "youtube_playlist_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "youtube_playlist_item" (
    "video_id" UUID NOT NULL,
    "playlist_key" VARCHAR(64) NOT NULL,
    "item_id" VARCHAR(128) NOT NULL,

    CONSTRAINT "youtube_playlist_item_pkey" PRIMARY KEY ("video_id","playlist_key")
);

-- CreateTable
CREATE TABLE "youtube_quota" (
    "day" DATE NOT NULL,
    "bucket" VARCHAR(16) NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "youtube_quota_pkey" PRIMARY KEY ("day","bucket")
);

-- CreateTable
CREATE TABLE "video_stats" (
    "id" BIGSERIAL NOT NULL,
    "video_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "views" BIGINT NOT NULL,
    "likes" BIGINT NOT NULL,
    "comments" BIGINT NOT NULL,

    CONSTRAINT "video_stats_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "job_run_at_idx" ON "job"("run_at");

-- CreateIndex
CREATE UNIQUE INDEX "job_kind_key_key" ON "job"("kind", "key");

-- CreateIndex
CREATE UNIQUE INDEX "youtube_sync_youtube_video_id_key" ON "youtube_sync"("youtube_video_id");

-- CreateIndex
CREATE INDEX "youtube_sync_state_idx" ON "youtube_sync"("state");

-- CreateIndex
CREATE INDEX "sync_transition_video_id_at_idx" ON "sync_transition"("video_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "youtube_playlist_playlist_id_key" ON "youtube_playlist"("playlist_id");

-- CreateIndex
CREATE INDEX "video_stats_video_id_at_idx" ON "video_stats"("video_id", "at");

-- AddForeignKey
ALTER TABLE "youtube_sync" ADD CONSTRAINT "youtube_sync_video_id_fkey" FOREIGN KEY ("video_id") REFERENCES "video"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_transition" ADD CONSTRAINT "sync_transition_video_id_fkey" FOREIGN KEY ("video_id") REFERENCES "youtube_sync"("video_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "youtube_playlist_item" ADD CONSTRAINT "youtube_playlist_item_video_id_fkey" FOREIGN KEY ("video_id") REFERENCES "youtube_sync"("video_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "youtube_playlist_item" ADD CONSTRAINT "youtube_playlist_item_playlist_key_fkey" FOREIGN KEY ("playlist_key") REFERENCES "youtube_playlist"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "video_stats" ADD CONSTRAINT "video_stats_video_id_fkey" FOREIGN KEY ("video_id") REFERENCES "video"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The sync history is append-only like the editorial one.
CREATE TRIGGER "sync_transition_append_only"
    BEFORE UPDATE OR DELETE ON "sync_transition"
    FOR EACH ROW EXECUTE FUNCTION "refuse_history_change"();
CREATE TRIGGER "sync_transition_no_truncate"
    BEFORE TRUNCATE ON "sync_transition"
    FOR EACH STATEMENT EXECUTE FUNCTION "refuse_history_change"();

-- One channel; a live video has its YouTube id; an upload in progress has its session; counts never negative.
ALTER TABLE "youtube_channel" ADD CONSTRAINT "youtube_channel_single" CHECK ("id" = 1);
ALTER TABLE "youtube_sync" ADD CONSTRAINT "youtube_sync_live_has_id"
    CHECK ("state" NOT IN ('ATTACHING', 'PROCESSING', 'LIVE', 'UPDATING') OR "youtube_video_id" IS NOT NULL);
ALTER TABLE "youtube_sync" ADD CONSTRAINT "youtube_sync_bytes" CHECK ("bytes_confirmed" >= 0 AND ("bytes_total" IS NULL OR "bytes_confirmed" <= "bytes_total"));
ALTER TABLE "youtube_quota" ADD CONSTRAINT "youtube_quota_used" CHECK ("used" >= 0);
ALTER TABLE "youtube_quota" ADD CONSTRAINT "youtube_quota_bucket" CHECK ("bucket" IN ('insert', 'default'));

-- A message that is not public must never be on YouTube as live: the sync of a
-- withdrawn message can only be on its way out.
CREATE FUNCTION "youtube_sync_follows_editorial"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    editorial "EditorialStatus";
BEGIN
    SELECT "status" INTO editorial FROM "video" WHERE "id" = NEW."video_id";
    IF editorial <> 'PUBLISHED' AND NEW."state" NOT IN ('UNPUBLISHING', 'REMOVED', 'FAILED', 'MISSING') THEN
        RAISE EXCEPTION 'message % is %, its YouTube copy cannot be %', NEW."video_id", editorial, NEW."state" USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER "youtube_sync_follows_editorial"
    BEFORE INSERT OR UPDATE OF "state" ON "youtube_sync"
    FOR EACH ROW EXECUTE FUNCTION "youtube_sync_follows_editorial"();
