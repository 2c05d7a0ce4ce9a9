-- CreateTable
CREATE TABLE "municipality_group" (
    "id" SERIAL NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "description" VARCHAR(500) NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "municipality_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "municipality_group_member" (
    "group_id" INTEGER NOT NULL,
    "municipality_istat" CHAR(6) NOT NULL,

    CONSTRAINT "municipality_group_member_pkey" PRIMARY KEY ("group_id","municipality_istat")
);

-- CreateIndex
CREATE UNIQUE INDEX "municipality_group_name_key" ON "municipality_group"("name");

-- CreateIndex
CREATE INDEX "municipality_group_member_municipality_istat_idx" ON "municipality_group_member"("municipality_istat");

-- AddForeignKey
ALTER TABLE "municipality_group_member" ADD CONSTRAINT "municipality_group_member_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "municipality_group"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "municipality_group_member" ADD CONSTRAINT "municipality_group_member_municipality_istat_fkey" FOREIGN KEY ("municipality_istat") REFERENCES "municipality"("istat_code") ON DELETE CASCADE ON UPDATE CASCADE;
