-- CreateEnum
CREATE TYPE "RenditionKind" AS ENUM ('LIGHT', 'AUDIO');

-- The short address of printed posters (/m/<code>): the id's last 12 hex digits, random in a UUIDv7,
-- derived by the database so that it can never disagree with the id.
ALTER TABLE "video" ADD COLUMN "short_code" CHAR(12) GENERATED ALWAYS AS ("right"(replace((id)::text, '-'::text, ''::text), 12)) STORED;

-- CreateTable
CREATE TABLE "media_rendition" (
    "media_id" VARCHAR(64) NOT NULL,
    "kind" "RenditionKind" NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "media_rendition_pkey" PRIMARY KEY ("media_id","kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "video_short_code_key" ON "video"("short_code");

-- AddForeignKey
ALTER TABLE "media_rendition" ADD CONSTRAINT "media_rendition_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media_file"("id") ON DELETE CASCADE ON UPDATE CASCADE;
