import { describe, expect, it } from 'vitest';
import { envFlag } from './index';

describe('a yes/no setting', () => {
  it('reads the usual ways of saying yes and no, in any case', () => {
    for (const yes of ['1', 'true', 'on', 'yes', 'TRUE', ' Yes ']) expect(envFlag.parse(yes), yes).toBe(true);
    for (const no of ['0', 'false', 'off', 'no', 'False']) expect(envFlag.parse(no), no).toBe(false);
  });

  it('refuses anything else instead of guessing', () => {
    for (const other of ['', '2', 'si', 'enabled']) expect(envFlag.safeParse(other).success, other).toBe(false);
  });
});
