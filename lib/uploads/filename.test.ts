import { describe, expect, it } from 'vitest';
import { displayFilename, hasAllowedExtension } from './filename';
import { sniffContainer } from './probe';

describe('uploaded file names', () => {
  it('drop folders, control and direction-override characters', () => {
    expect(displayFilename('../../etc/pass\u0000wd.mp4')).toBe('passwd.mp4');
    expect(displayFilename('C:\\Users\\sindaco\\Video\u202eoc.mp4')).toBe('Videooc.mp4');
    expect(displayFilename('...')).toBe('video');
    expect(displayFilename(undefined)).toBe('video');
  });

  it('accept only video extensions', () => {
    expect(hasAllowedExtension('Messaggio.MOV')).toBe(true);
    expect(hasAllowedExtension('messaggio.webm')).toBe(true);
    expect(hasAllowedExtension('pagina.html')).toBe(false);
    expect(hasAllowedExtension('mp4')).toBe(false);
  });
});

describe('container sniffing', () => {
  it('knows MP4/MOV and WebM by their first bytes, and nothing else', () => {
    expect(sniffContainer(Buffer.from('\x00\x00\x00\x20ftypisom', 'latin1'))).toBe('mp4');
    expect(sniffContainer(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x01]))).toBe('webm');
    expect(sniffContainer(Buffer.from('<html><script>'))).toBeNull();
    expect(sniffContainer(Buffer.alloc(0))).toBeNull();
  });
});
