-- A finished upload is answered at once and inspected afterwards: CHECKING is the time in between.
ALTER TYPE "MediaStatus" ADD VALUE 'CHECKING';
