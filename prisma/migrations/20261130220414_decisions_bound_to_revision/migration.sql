-- AlterTable
ALTER TABLE "video" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- What a moderator judges has a revision number, and a decision names the one it
-- was taken on (lib/moderation: UPDATE … WHERE revision = the one shown). The
-- database, not the application, moves the number: any change of the text, the
-- file, the captions, the declarations or the themes bumps it, whoever makes it,
-- and it never goes back.
CREATE FUNCTION "video_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."revision" < OLD."revision" THEN
        RAISE EXCEPTION 'a message''s revision never goes back (% -> %)', OLD."revision", NEW."revision"
            USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW."title", NEW."description", NEW."language", NEW."media_id", NEW."captions", NEW."transcript",
        NEW."consent_given", NEW."minors_shown", NEW."made_for_kids")
       IS DISTINCT FROM
       (OLD."title", OLD."description", OLD."language", OLD."media_id", OLD."captions", OLD."transcript",
        OLD."consent_given", OLD."minors_shown", OLD."made_for_kids") THEN
        NEW."revision" := OLD."revision" + 1;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER "video_revision"
    BEFORE UPDATE ON "video"
    FOR EACH ROW EXECUTE FUNCTION "video_revision"();

CREATE FUNCTION "video_theme_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "video" SET "revision" = "revision" + 1 WHERE "id" IN (NEW."video_id", OLD."video_id");
    RETURN NULL;
END
$$;

CREATE TRIGGER "video_theme_revision"
    AFTER INSERT OR UPDATE OR DELETE ON "video_theme"
    FOR EACH ROW EXECUTE FUNCTION "video_theme_revision"();
