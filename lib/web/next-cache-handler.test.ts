import { describe, expect, it } from 'vitest';
import { PageStore } from './next-cache-handler';

const page = (status: number, html = 'x'.repeat(1000), tags = '_N_T_/layout,_N_T_/it/comuni/001272-torino') => ({
  kind: 'APP_PAGE',
  status,
  html,
  rscData: Buffer.alloc(100),
  headers: { 'x-next-cache-tags': tags },
});

describe('the bounded page store', () => {
  it('keeps rendered pages and answers them back', () => {
    const store = new PageStore(1024 * 1024);
    store.set('/it/comuni/001272-torino', page(200));
    expect(store.get('/it/comuni/001272-torino')?.value.status).toBe(200);
  });

  it('keeps no 404 (an unknown id, a page past the end) and no error', () => {
    const store = new PageStore(1024 * 1024);
    for (let i = 0; i < 500; i++) store.set(`/it/messaggi/${i}`, page(404));
    store.set('/it/errore', page(500));
    expect(store.size).toBe(0);
    expect(store.get('/it/messaggi/1')).toBeNull();
  });

  it('never holds more than its budget, forgetting the least recently used pages', () => {
    const store = new PageStore(20_000);
    for (let i = 0; i < 100; i++) {
      store.set(`/it/temi/tema-${i}`, page(200));
      if (i % 10 === 0) store.get('/it/temi/tema-0');
    }
    expect(store.bytes).toBeLessThanOrEqual(20_000);
    expect(store.get('/it/temi/tema-0')).not.toBeNull();
    expect(store.get('/it/temi/tema-1')).toBeNull();
  });

  it('drops the pages of a revalidated tag', () => {
    const store = new PageStore(1024 * 1024);
    store.set('/it', page(200, 'home', '_N_T_/layout,_N_T_/it'), {}, 1000);
    store.set('/it/temi/x', page(200, 'tema', '_N_T_/it/temi/x'), {}, 1000);
    store.revalidateTag('_N_T_/layout', 2000);
    expect(store.get('/it')).toBeNull();
    expect(store.get('/it/temi/x')).not.toBeNull();
  });
});
