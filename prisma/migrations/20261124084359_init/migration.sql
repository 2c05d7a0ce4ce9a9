-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- Italian full-text search that folds accents ("perche" finds "perché").
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION "public"."vc_italian" (COPY = pg_catalog.italian);
ALTER TEXT SEARCH CONFIGURATION "public"."vc_italian"
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, italian_stem;

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('MAYOR', 'MODERATOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "EditorialStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "area" (
    "code" CHAR(3) NOT NULL,
    "name" TEXT NOT NULL,
    "acronym" VARCHAR(2) NOT NULL,

    CONSTRAINT "area_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "municipality" (
    "istat_code" CHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "area_code" CHAR(3) NOT NULL,
    "population" INTEGER,
    "label_lon" DOUBLE PRECISION NOT NULL,
    "label_lat" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "municipality_pkey" PRIMARY KEY ("istat_code")
);

-- CreateTable
CREATE TABLE "theme" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "label_it" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "theme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "video" (
    "id" UUID NOT NULL,
    "municipality_istat" CHAR(6) NOT NULL,
    "title" VARCHAR(100) NOT NULL,
    "description" VARCHAR(5000) NOT NULL DEFAULT '',
    "transcript" TEXT,
    "language" VARCHAR(16) NOT NULL DEFAULT 'it',
    "status" "EditorialStatus" NOT NULL DEFAULT 'DRAFT',
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "duration_seconds" INTEGER,
    "youtube_video_id" VARCHAR(32),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "search_vector" tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('public.vc_italian'::regconfig, coalesce("title", '')), 'A') ||
        setweight(to_tsvector('public.vc_italian'::regconfig, coalesce("description", '')), 'B') ||
        setweight(to_tsvector('public.vc_italian'::regconfig, coalesce("transcript", '')), 'C')
    ) STORED,

    CONSTRAINT "video_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "video_theme" (
    "video_id" UUID NOT NULL,
    "theme_id" INTEGER NOT NULL,

    CONSTRAINT "video_theme_pkey" PRIMARY KEY ("video_id","theme_id")
);

-- CreateTable
CREATE TABLE "editorial_transition" (
    "id" BIGSERIAL NOT NULL,
    "video_id" UUID NOT NULL,
    "from" "EditorialStatus",
    "to" "EditorialStatus" NOT NULL,
    "event" VARCHAR(32) NOT NULL,
    "actor_id" UUID,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "editorial_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "municipality_istat" CHAR(6),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "municipality_slug_key" ON "municipality"("slug");

-- CreateIndex
CREATE INDEX "municipality_area_code_idx" ON "municipality"("area_code");

-- CreateIndex
CREATE UNIQUE INDEX "theme_slug_key" ON "theme"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "video_youtube_video_id_key" ON "video"("youtube_video_id");

-- CreateIndex
CREATE INDEX "video_status_published_at_idx" ON "video"("status", "published_at" DESC);

-- CreateIndex
CREATE INDEX "video_municipality_istat_status_published_at_idx" ON "video"("municipality_istat", "status", "published_at" DESC);

-- CreateIndex
CREATE INDEX "video_search_vector_idx" ON "video" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "video_theme_theme_id_video_id_idx" ON "video_theme"("theme_id", "video_id");

-- CreateIndex
CREATE INDEX "editorial_transition_video_id_at_idx" ON "editorial_transition"("video_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_municipality_istat_idx" ON "app_user"("municipality_istat");

-- AddForeignKey
ALTER TABLE "municipality" ADD CONSTRAINT "municipality_area_code_fkey" FOREIGN KEY ("area_code") REFERENCES "area"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "video" ADD CONSTRAINT "video_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "video_theme" ADD CONSTRAINT "video_theme_video_id_fkey" FOREIGN KEY ("video_id") REFERENCES "video"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "video_theme" ADD CONSTRAINT "video_theme_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "theme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "editorial_transition" ADD CONSTRAINT "editorial_transition_video_id_fkey" FOREIGN KEY ("video_id") REFERENCES "video"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "editorial_transition" ADD CONSTRAINT "editorial_transition_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE SET NULL ON UPDATE CASCADE;


-- Rules that must hold whatever code runs against the database.
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_mayor_has_municipality"
    CHECK (("role" = 'MAYOR') = ("municipality_istat" IS NOT NULL));
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_email_lowercase" CHECK ("email" = lower("email"));
ALTER TABLE "municipality" ADD CONSTRAINT "municipality_istat_code_digits" CHECK ("istat_code" ~ '^[0-9]{6}$');
ALTER TABLE "area" ADD CONSTRAINT "area_code_digits" CHECK ("code" ~ '^[0-9]{3}$');
ALTER TABLE "video" ADD CONSTRAINT "video_published_has_date"
    CHECK ("status" <> 'PUBLISHED' OR "published_at" IS NOT NULL);
ALTER TABLE "video" ADD CONSTRAINT "video_title_not_blank" CHECK (length(btrim("title")) > 0);

-- The editorial state machine (lib/editorial/transitions.ts): a message is born a
-- draft and changes status only along the table's edges, so nothing can become
-- public without having been approved.
CREATE FUNCTION "video_editorial_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW."status" <> 'DRAFT' THEN
            RAISE EXCEPTION 'a message starts as DRAFT, not %', NEW."status" USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW."status" IS DISTINCT FROM OLD."status" AND (OLD."status", NEW."status") NOT IN (
        ('DRAFT', 'SUBMITTED'), ('CHANGES_REQUESTED', 'SUBMITTED'),
        ('SUBMITTED', 'CHANGES_REQUESTED'), ('SUBMITTED', 'APPROVED'), ('SUBMITTED', 'REJECTED'),
        ('APPROVED', 'PUBLISHED'),
        ('DRAFT', 'WITHDRAWN'), ('SUBMITTED', 'WITHDRAWN'), ('CHANGES_REQUESTED', 'WITHDRAWN'),
        ('APPROVED', 'WITHDRAWN'), ('PUBLISHED', 'WITHDRAWN')
    ) THEN
        RAISE EXCEPTION 'editorial transition % -> % is not allowed', OLD."status", NEW."status"
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER "video_editorial_guard"
    BEFORE INSERT OR UPDATE OF "status" ON "video"
    FOR EACH ROW EXECUTE FUNCTION "video_editorial_guard"();
