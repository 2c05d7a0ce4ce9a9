-- CreateTable
CREATE TABLE "published_count" (
    "municipality_istat" CHAR(6) NOT NULL,
    "theme_id" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "published_count_pkey" PRIMARY KEY ("municipality_istat","theme_id")
);

-- CreateIndex
CREATE INDEX "published_count_theme_id_idx" ON "published_count"("theme_id");

-- The counts move with every change, in its transaction; one that would go
-- below zero is a bug in these triggers and fails the change instead of lying.
ALTER TABLE "published_count" ADD CONSTRAINT "published_count_not_negative" CHECK ("n" >= 0);

-- An update first: an INSERT … ON CONFLICT would check its proposed row (a
-- negative one, for a decrement) against the constraint before finding the
-- existing row.
CREATE FUNCTION "published_count_add"("comune" CHAR(6), "theme" INTEGER, "delta" INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "published_count" SET "n" = "n" + "delta" WHERE "municipality_istat" = "comune" AND "theme_id" = "theme";
    IF NOT FOUND THEN
        INSERT INTO "published_count" ("municipality_istat", "theme_id", "n") VALUES ("comune", "theme", "delta")
        ON CONFLICT ("municipality_istat", "theme_id") DO UPDATE SET "n" = "published_count"."n" + EXCLUDED."n";
    END IF;
END
$$;

-- A message that becomes published (or stops being, or is deleted, or moves
-- to another comune) counts for its comune (that row first) and for each of
-- its themes, in the order of their ids.
CREATE FUNCTION "video_published_count"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    "leaves" BOOLEAN := false;
    "enters" BOOLEAN := false;
BEGIN
    IF TG_OP = 'DELETE' THEN
        "leaves" := OLD."status" = 'PUBLISHED';
    ELSIF TG_OP = 'INSERT' THEN
        "enters" := NEW."status" = 'PUBLISHED';
    ELSE
        "leaves" := OLD."status" = 'PUBLISHED' AND (NEW."status" <> 'PUBLISHED' OR NEW."municipality_istat" <> OLD."municipality_istat");
        "enters" := NEW."status" = 'PUBLISHED' AND (OLD."status" <> 'PUBLISHED' OR NEW."municipality_istat" <> OLD."municipality_istat");
    END IF;
    IF "leaves" THEN
        PERFORM "published_count_add"(OLD."municipality_istat", 0, -1);
        PERFORM "published_count_add"(OLD."municipality_istat", t."theme_id", -1)
            FROM (SELECT vt."theme_id" FROM "video_theme" vt WHERE vt."video_id" = OLD."id" ORDER BY vt."theme_id") t;
    END IF;
    IF "enters" THEN
        PERFORM "published_count_add"(NEW."municipality_istat", 0, 1);
        PERFORM "published_count_add"(NEW."municipality_istat", t."theme_id", 1)
            FROM (SELECT vt."theme_id" FROM "video_theme" vt WHERE vt."video_id" = NEW."id" ORDER BY vt."theme_id") t;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER "video_published_count_change"
    AFTER INSERT OR UPDATE OF "status", "municipality_istat" ON "video"
    FOR EACH ROW EXECUTE FUNCTION "video_published_count"();
-- Before the delete, while the message's themes (removed by the cascade) are still there.
CREATE TRIGGER "video_published_count_delete"
    BEFORE DELETE ON "video"
    FOR EACH ROW EXECUTE FUNCTION "video_published_count"();

-- A theme added to or taken from a published message. The message is read
-- FOR SHARE (a publication or withdrawal under way is waited for, not missed),
-- and the comune's total row is locked before any theme row: every change to a
-- comune's counts takes that row first, so two of them never lock theme rows
-- in opposite orders (a deadlock).
CREATE FUNCTION "video_theme_published_count"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    "comune" CHAR(6);
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        SELECT v."municipality_istat" INTO "comune" FROM "video" v WHERE v."id" = OLD."video_id" AND v."status" = 'PUBLISHED' FOR SHARE;
        IF FOUND THEN
            PERFORM "published_count_add"("comune", 0, 0);
            PERFORM "published_count_add"("comune", OLD."theme_id", -1);
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT v."municipality_istat" INTO "comune" FROM "video" v WHERE v."id" = NEW."video_id" AND v."status" = 'PUBLISHED' FOR SHARE;
        IF FOUND THEN
            PERFORM "published_count_add"("comune", 0, 0);
            PERFORM "published_count_add"("comune", NEW."theme_id", 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "video_theme_published_count"
    AFTER INSERT OR UPDATE OR DELETE ON "video_theme"
    FOR EACH ROW EXECUTE FUNCTION "video_theme_published_count"();

INSERT INTO "published_count" ("municipality_istat", "theme_id", "n")
    SELECT "municipality_istat", 0, count(*) FROM "video" WHERE "status" = 'PUBLISHED' GROUP BY 1;
INSERT INTO "published_count" ("municipality_istat", "theme_id", "n")
    SELECT v."municipality_istat", vt."theme_id", count(*) FROM "video" v JOIN "video_theme" vt ON vt."video_id" = v."id"
    WHERE v."status" = 'PUBLISHED' GROUP BY 1, 2;
