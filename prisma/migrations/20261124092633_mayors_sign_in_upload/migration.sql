-- CreateEnum
CREATE TYPE "MediaStatus" AS ENUM ('UPLOADING', 'READY', 'REJECTED');

-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "email_verified" TIMESTAMPTZ(3),
ADD COLUMN     "image" TEXT,
ADD COLUMN     "invited_by_id" UUID,
ADD COLUMN     "last_sign_in_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "video" ADD COLUMN     "author_id" UUID,
ADD COLUMN     "captions" TEXT,
ADD COLUMN     "consent_given" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "media_id" VARCHAR(64),
ADD COLUMN     "minors_shown" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "auth_account" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_account_id" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "auth_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_session" (
    "id" UUID NOT NULL,
    "session_token" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "auth_session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_verification_token" (
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMPTZ(3) NOT NULL
);

-- CreateTable
CREATE TABLE "rate_limit_hit" (
    "id" BIGSERIAL NOT NULL,
    "bucket" VARCHAR(32) NOT NULL,
    "key" VARCHAR(320) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limit_hit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "demo_mail" (
    "id" BIGSERIAL NOT NULL,
    "recipients" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "demo_mail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "media_file" (
    "id" VARCHAR(64) NOT NULL,
    "uploader_id" UUID NOT NULL,
    "municipality_istat" CHAR(6) NOT NULL,
    "status" "MediaStatus" NOT NULL DEFAULT 'UPLOADING',
    "original_name" VARCHAR(255) NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "container" VARCHAR(32),
    "video_codec" VARCHAR(32),
    "audio_codec" VARCHAR(32),
    "width" INTEGER,
    "height" INTEGER,
    "duration_ms" INTEGER,
    "sha256" CHAR(64),
    "reject_reason" VARCHAR(64),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "media_file_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "election_period" (
    "id" SERIAL NOT NULL,
    "municipality_istat" CHAR(6) NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "hide_published" BOOLEAN NOT NULL DEFAULT false,
    "note" VARCHAR(500) NOT NULL DEFAULT '',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "election_period_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "auth_account_user_id_idx" ON "auth_account"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "auth_account_provider_provider_account_id_key" ON "auth_account"("provider", "provider_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "auth_session_session_token_key" ON "auth_session"("session_token");

-- CreateIndex
CREATE INDEX "auth_session_user_id_idx" ON "auth_session"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "auth_verification_token_token_key" ON "auth_verification_token"("token");

-- CreateIndex
CREATE UNIQUE INDEX "auth_verification_token_identifier_token_key" ON "auth_verification_token"("identifier", "token");

-- CreateIndex
CREATE INDEX "rate_limit_hit_bucket_key_at_idx" ON "rate_limit_hit"("bucket", "key", "at");

-- CreateIndex
CREATE INDEX "demo_mail_received_at_idx" ON "demo_mail"("received_at");

-- CreateIndex
CREATE INDEX "media_file_municipality_istat_created_at_idx" ON "media_file"("municipality_istat", "created_at");

-- CreateIndex
CREATE INDEX "media_file_status_created_at_idx" ON "media_file"("status", "created_at");

-- CreateIndex
CREATE INDEX "election_period_municipality_istat_ends_on_idx" ON "election_period"("municipality_istat", "ends_on");

-- CreateIndex
CREATE UNIQUE INDEX "video_media_id_key" ON "video"("media_id");

-- AddForeignKey
ALTER TABLE "video" ADD CONSTRAINT "video_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media_file"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "video" ADD CONSTRAINT "video_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_invited_by_id_fkey" FOREIGN KEY ("invited_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_account" ADD CONSTRAINT "auth_account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media_file" ADD CONSTRAINT "media_file_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "media_file" ADD CONSTRAINT "media_file_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "election_period" ADD CONSTRAINT "election_period_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "election_period" ADD CONSTRAINT "election_period_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Rules that must hold whatever code runs against the database.
-- A message leaves the draft state only with a validated file and the mayor's
-- consent declaration (demo messages of the seed have no file).
ALTER TABLE "video" ADD CONSTRAINT "video_submitted_has_media_and_consent"
    CHECK ("status" IN ('DRAFT', 'WITHDRAWN') OR "is_demo" OR ("media_id" IS NOT NULL AND "consent_given"));
ALTER TABLE "media_file" ADD CONSTRAINT "media_file_ready_is_described"
    CHECK ("status" <> 'READY' OR ("sha256" IS NOT NULL AND "duration_ms" IS NOT NULL AND "container" IS NOT NULL AND "finished_at" IS NOT NULL));
ALTER TABLE "media_file" ADD CONSTRAINT "media_file_rejected_has_reason"
    CHECK ("status" <> 'REJECTED' OR "reject_reason" IS NOT NULL);
ALTER TABLE "election_period" ADD CONSTRAINT "election_period_ordered" CHECK ("ends_on" >= "starts_on");

-- Par condicio (law 28/2000): a comune in an election period cannot submit. The
-- application says so first, with the end date; this keeps any other path honest.
CREATE FUNCTION "video_election_blackout"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."status" = 'SUBMITTED' AND OLD."status" IS DISTINCT FROM 'SUBMITTED' AND EXISTS (
        SELECT 1 FROM "election_period" p
        WHERE p."municipality_istat" = NEW."municipality_istat"
          AND (now() AT TIME ZONE 'Europe/Rome')::date BETWEEN p."starts_on" AND p."ends_on"
    ) THEN
        RAISE EXCEPTION 'comune % is in an election period', NEW."municipality_istat" USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER "video_election_blackout"
    BEFORE UPDATE OF "status" ON "video"
    FOR EACH ROW EXECUTE FUNCTION "video_election_blackout"();
