-- AlterEnum
ALTER TYPE "RenditionKind" ADD VALUE 'SHARE';
