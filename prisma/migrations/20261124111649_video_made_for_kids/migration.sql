-- AlterTable
ALTER TABLE "video" ADD COLUMN     "made_for_kids" BOOLEAN NOT NULL DEFAULT false;
