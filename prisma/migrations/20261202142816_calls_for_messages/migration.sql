-- AlterTable
ALTER TABLE "video" ADD COLUMN     "call_id" INTEGER;

-- CreateTable
CREATE TABLE "coordination_call" (
    "id" SERIAL NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "brief" VARCHAR(5000) NOT NULL,
    "deadline" DATE NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coordination_call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_theme" (
    "call_id" INTEGER NOT NULL,
    "theme_id" INTEGER NOT NULL,

    CONSTRAINT "call_theme_pkey" PRIMARY KEY ("call_id","theme_id")
);

-- CreateTable
CREATE TABLE "call_target" (
    "call_id" INTEGER NOT NULL,
    "municipality_istat" CHAR(6) NOT NULL,
    "declined_at" TIMESTAMPTZ(3),
    "decline_note" VARCHAR(500),

    CONSTRAINT "call_target_pkey" PRIMARY KEY ("call_id","municipality_istat")
);

-- CreateIndex
CREATE INDEX "call_target_municipality_istat_idx" ON "call_target"("municipality_istat");

-- AddForeignKey
ALTER TABLE "video" ADD CONSTRAINT "video_call_id_municipality_istat_fkey" FOREIGN KEY ("call_id", "municipality_istat") REFERENCES "call_target"("call_id", "municipality_istat") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_theme" ADD CONSTRAINT "call_theme_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "coordination_call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_theme" ADD CONSTRAINT "call_theme_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "theme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_target" ADD CONSTRAINT "call_target_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "coordination_call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_target" ADD CONSTRAINT "call_target_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A note only goes with a decline.
ALTER TABLE "call_target" ADD CONSTRAINT "call_target_note_with_decline" CHECK ("decline_note" IS NULL OR "declined_at" IS NOT NULL);
