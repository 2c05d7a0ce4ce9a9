import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrowMoves, type ArrowMoves, type KeyPoint } from './keyboard-graph';

/** Every point reachable from every other, following the arrow keys only. */
function stronglyConnected(moves: ArrowMoves[]): boolean {
  const reach = (edges: number[][]) => {
    const seen = new Set([0]);
    const stack = [0];
    while (stack.length)
      for (const next of edges[stack.pop()!]!)
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
    return seen.size === moves.length;
  };
  const forward = moves.map((m) => Object.values(m).filter((v): v is number => v !== null));
  const backward: number[][] = moves.map(() => []);
  forward.forEach((targets, from) => targets.forEach((to) => backward[to]!.push(from)));
  return reach(forward) && reach(backward);
}

describe('the map’s arrow keys', () => {
  it('reach every comune from every other, whatever the shapes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 640 }), y: fc.integer({ min: 0, max: 800 }) }), { minLength: 1, maxLength: 80 }),
        (points: KeyPoint[]) => stronglyConnected(arrowMoves(points)),
      ),
    );
  });

  it('move to a neighbour in the pressed direction', () => {
    // A 3×3 grid: each key goes to the adjacent cell.
    const grid = [0, 1, 2].flatMap((row) => [0, 1, 2].map((col) => ({ x: col * 10, y: row * 10 })));
    const moves = arrowMoves(grid);
    expect(moves[4]).toEqual({ ArrowLeft: 3, ArrowRight: 5, ArrowUp: 1, ArrowDown: 7 });
    expect(moves[0]).toMatchObject({ ArrowLeft: null, ArrowUp: null });
    // The end of a row continues on the next one.
    expect(moves[2]!.ArrowRight).toBe(3);
  });
});
