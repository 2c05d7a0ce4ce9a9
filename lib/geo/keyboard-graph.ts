/*
 * Where each arrow key goes on the map, from each comune. Left and Right walk
 * the comuni row by row (bands about one comune high, west to east, wrapping
 * to the next band), so those two keys alone reach every comune from every
 * other; Up and Down go to the nearest comune in that direction, favouring
 * those straight ahead. "Nearest in every direction" alone leaves some comuni
 * that no key ever leads to (Giaveno and Scarmagno, in Turin's map).
 */

export type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';
export interface KeyPoint {
  x: number;
  y: number;
}
export type ArrowMoves = Record<Direction, number | null>;

function nearestAhead(points: readonly KeyPoint[], from: number, dy: 1 | -1): number | null {
  let best: number | null = null;
  let bestScore = Infinity;
  const origin = points[from]!;
  points.forEach((p, i) => {
    const along = (p.y - origin.y) * dy;
    if (i === from || along <= 0) return;
    const score = along + Math.abs(p.x - origin.x) * 2;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** The move of each arrow key from each point (by index); null where the key leads nowhere. */
export function arrowMoves(points: readonly KeyPoint[]): ArrowMoves[] {
  if (points.length === 0) return [];
  const ys = points.map((p) => p.y);
  const xs = points.map((p) => p.x);
  const area = (Math.max(...xs) - Math.min(...xs) || 1) * (Math.max(...ys) - Math.min(...ys) || 1);
  const band = Math.sqrt(area / points.length);
  const top = Math.min(...ys);
  const bandOf = (p: KeyPoint) => Math.floor((p.y - top) / band);
  const reading = points.map((_, i) => i).sort((a, b) => bandOf(points[a]!) - bandOf(points[b]!) || points[a]!.x - points[b]!.x || a - b);
  const position = new Map(reading.map((index, at) => [index, at]));
  return points.map((_, i) => {
    const at = position.get(i)!;
    return {
      ArrowLeft: at > 0 ? reading[at - 1]! : null,
      ArrowRight: at < reading.length - 1 ? reading[at + 1]! : null,
      ArrowUp: nearestAhead(points, i, -1),
      ArrowDown: nearestAhead(points, i, 1),
    };
  });
}
