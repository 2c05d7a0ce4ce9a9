import { describe, expect, it } from 'vitest';
import { checkPublicAddress } from './public-params';

const check = (address: string) => {
  const url = new URL(address, 'http://portal.test');
  return checkPublicAddress(url.pathname, url.searchParams);
};

describe('public page addresses', () => {
  it('accepts the addresses the portal makes', () => {
    for (const address of [
      '/',
      '/comuni/001259-sauze-d-oulx',
      '/temi/volontariato?comune=001272&pagina=3',
      '/temi/volontariato?comune=',
      '/cerca?q=spesa%20a%20domicilio',
      '/lingua/en?da=/cerca',
    ]) {
      expect(check(address), address).toEqual({ ok: true });
    }
  });

  it('refuses control characters anywhere, and broken percent-encoding', () => {
    expect(check('/cerca?q=%00')).toEqual({ ok: false, reason: 'control' });
    expect(check('/temi/%00/feed.xml')).toEqual({ ok: false, reason: 'control' });
    expect(check('/comuni/%0a001272')).toEqual({ ok: false, reason: 'control' });
    expect(check('/lingua/en?da=%2F%09%2Fevil.example%2F')).toEqual({ ok: false, reason: 'control' });
    expect(check('/temi/%E0%A4%A')).toEqual({ ok: false, reason: 'encoding' });
  });

  it('refuses filters out of range', () => {
    expect(check('/temi/volontariato?pagina=0')).toEqual({ ok: false, reason: 'range' });
    expect(check('/temi/volontariato?pagina=10001')).toEqual({ ok: false, reason: 'range' });
    expect(check('/temi/volontariato?pagina=1e3')).toEqual({ ok: false, reason: 'range' });
    expect(check('/temi/volontariato?comune=torino')).toEqual({ ok: false, reason: 'range' });
  });
});
