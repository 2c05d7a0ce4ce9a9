-- CreateTable
CREATE TABLE "push_subscription" (
    "id" UUID NOT NULL,
    "endpoint" VARCHAR(1024) NOT NULL,
    "p256dh" VARCHAR(100) NOT NULL,
    "auth" VARCHAR(40) NOT NULL,
    "locale" VARCHAR(2) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "push_follow" (
    "subscription_id" UUID NOT NULL,
    "subject" VARCHAR(32) NOT NULL,
    "municipality_istat" CHAR(6),
    "theme_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_follow_pkey" PRIMARY KEY ("subscription_id","subject")
);

-- CreateTable
CREATE TABLE "push_delivery" (
    "subscription_id" UUID NOT NULL,
    "video_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "push_delivery_pkey" PRIMARY KEY ("subscription_id","video_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "push_subscription_endpoint_key" ON "push_subscription"("endpoint");

-- CreateIndex
CREATE INDEX "push_follow_subject_subscription_id_idx" ON "push_follow"("subject", "subscription_id");

-- CreateIndex
CREATE INDEX "push_follow_municipality_istat_idx" ON "push_follow"("municipality_istat");

-- CreateIndex
CREATE INDEX "push_follow_theme_id_idx" ON "push_follow"("theme_id");

-- CreateIndex
CREATE INDEX "push_delivery_video_id_idx" ON "push_delivery"("video_id");

-- AddForeignKey
ALTER TABLE "push_follow" ADD CONSTRAINT "push_follow_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "push_subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_follow" ADD CONSTRAINT "push_follow_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_follow" ADD CONSTRAINT "push_follow_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "theme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_delivery" ADD CONSTRAINT "push_delivery_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "push_subscription"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "push_delivery" ADD CONSTRAINT "push_delivery_video_id_fkey" FOREIGN KEY ("video_id") REFERENCES "video"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- As for e-mail alerts: the subject key says what the two columns say, never both.
ALTER TABLE "push_follow"
  ADD CONSTRAINT "push_follow_subject_matches" CHECK (
    num_nonnulls("municipality_istat", "theme_id") <= 1
    AND "subject" = COALESCE('comune:' || "municipality_istat", 'tema:' || "theme_id"::text, 'all')
  );
-- The portal sends only to a push service's web address, in one of its two languages.
ALTER TABLE "push_subscription"
  ADD CONSTRAINT "push_subscription_endpoint_web" CHECK ("endpoint" ~ '^https?://'),
  ADD CONSTRAINT "push_subscription_locale" CHECK ("locale" IN ('it', 'en'));
