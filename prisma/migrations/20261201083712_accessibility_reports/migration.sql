-- CreateEnum
CREATE TYPE "AccessibilityReportStatus" AS ENUM ('OPEN', 'ANSWERED');

-- CreateTable
CREATE TABLE "accessibility_report" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "name" VARCHAR(120),
    "email" VARCHAR(320) NOT NULL,
    "page_url" VARCHAR(500),
    "description" VARCHAR(4000) NOT NULL,
    "locale" VARCHAR(2) NOT NULL,
    "status" "AccessibilityReportStatus" NOT NULL DEFAULT 'OPEN',
    "answered_at" TIMESTAMPTZ(3),
    "answered_by" UUID,

    CONSTRAINT "accessibility_report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "accessibility_report_status_created_at_idx" ON "accessibility_report"("status", "created_at");

-- AddForeignKey
ALTER TABLE "accessibility_report" ADD CONSTRAINT "accessibility_report_answered_by_fkey" FOREIGN KEY ("answered_by") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- A report is answered exactly when it says when; the text is never empty.
ALTER TABLE "accessibility_report" ADD CONSTRAINT "accessibility_report_answered_check" CHECK (("status" = 'ANSWERED') = ("answered_at" IS NOT NULL));
ALTER TABLE "accessibility_report" ADD CONSTRAINT "accessibility_report_description_check" CHECK (length(btrim("description")) >= 10);
