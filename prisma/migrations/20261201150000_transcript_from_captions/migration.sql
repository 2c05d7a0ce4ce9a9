-- The transcript citizens read and search is the captions the mayor gave:
-- one source, so the two can never disagree. The search vector reads the
-- captions' words (WebVTT header, timing lines and markup left out).
DROP INDEX "video_search_vector_idx";
ALTER TABLE "video" DROP COLUMN "search_vector";
ALTER TABLE "video" DROP COLUMN "transcript";
ALTER TABLE "video" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('public.vc_italian'::regconfig, coalesce("title", '')), 'A') ||
    setweight(to_tsvector('public.vc_italian'::regconfig, coalesce("description", '')), 'B') ||
    setweight(to_tsvector('public.vc_italian'::regconfig,
        regexp_replace(regexp_replace(coalesce("captions", ''), '^(WEBVTT.*|[0-9:.]+ --> .*)$', ' ', 'gn'), '<[^>]*>', ' ', 'g')), 'C')
) STORED;
CREATE INDEX "video_search_vector_idx" ON "video" USING GIN ("search_vector");

-- The revision trigger compared the transcript too; the captions it now comes from already count.
CREATE OR REPLACE FUNCTION "video_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."revision" < OLD."revision" THEN
        RAISE EXCEPTION 'a message''s revision never goes back (% -> %)', OLD."revision", NEW."revision"
            USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW."title", NEW."description", NEW."language", NEW."media_id", NEW."captions",
        NEW."consent_given", NEW."minors_shown", NEW."made_for_kids")
       IS DISTINCT FROM
       (OLD."title", OLD."description", OLD."language", OLD."media_id", OLD."captions",
        OLD."consent_given", OLD."minors_shown", OLD."made_for_kids") THEN
        NEW."revision" := OLD."revision" + 1;
    END IF;
    RETURN NEW;
END
$$;
