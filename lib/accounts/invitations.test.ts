import { describe, expect, it } from 'vitest';
import { validateInvitation } from './invitations';

describe('an invitation typed by staff', () => {
  it('names every wrong field in one answer, the mayor without a comune included', () => {
    const { invitation, errors } = validateInvitation({ email: 'non-un-indirizzo', name: ' ', role: 'MAYOR', istatCode: '' }, 1);
    expect(invitation).toBeUndefined();
    expect(errors.map((e) => e.code).sort()).toEqual(['email', 'istatMissing', 'name']);
    expect(validateInvitation({ email: '', name: 'Ada', role: 'MODERATOR' }, 2).errors).toEqual([{ line: 2, code: 'emailMissing' }]);
  });

  it('refuses a comune for staff and accepts a mayor with one', () => {
    expect(validateInvitation({ email: 'staff@comune.it', name: 'Ada', role: 'MODERATOR', istatCode: '1272' }, 3).errors).toEqual([
      { line: 3, code: 'istat', value: '1272' },
    ]);
    expect(validateInvitation({ email: 'Sindaca@Comune.it', name: 'Ada', role: 'sindaco', istatCode: '1272' }, 1).invitation).toEqual({
      email: 'sindaca@comune.it',
      name: 'Ada',
      role: 'MAYOR',
      istatCode: '001272',
    });
  });
});
