import { describe, expect, it } from 'vitest';
import { mailboxOf } from './subscriptions';

describe('the mailbox an address reaches (for the sign-up limits)', () => {
  it('counts aliases of one inbox as that inbox', () => {
    expect(mailboxOf('maria+avvisi@example.org')).toBe('maria@example.org');
    expect(mailboxOf('maria.rossi+x+y@gmail.com')).toBe('mariarossi@gmail.com');
    expect(mailboxOf('m.a.r.i.a@googlemail.com')).toBe('maria@gmail.com');
  });

  it('leaves other providers’ dots alone: there they are other people', () => {
    expect(mailboxOf('maria.rossi@comune.torino.it')).toBe('maria.rossi@comune.torino.it');
  });
});
