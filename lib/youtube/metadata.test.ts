import { describe, expect, it } from 'vitest';
import { youtubeMetadata } from './metadata';

const message = {
  id: '0190c0de-0000-7000-8000-000000000001',
  title: 'Spesa a domicilio',
  description: 'Chiamate il comune.',
  language: 'it',
  municipality: "Sauze d'Oulx",
  themes: ['Solidarietà', 'Cibo e mascherine'],
  madeForKids: false,
};

describe('what YouTube receives', () => {
  it('links back to the portal and carries the message id', () => {
    const { snippet, status } = youtubeMetadata(message, 'https://voci.example/messaggi/x');
    expect(snippet.description).toContain('https://voci.example/messaggi/x');
    expect(snippet.description).toContain(`ID: ${message.id}`);
    expect(snippet.tags).toEqual(["Sauze d'Oulx", 'Solidarietà', 'Cibo e mascherine', 'VociComuni']);
    expect(status.privacyStatus).toBe('public');
    expect(status.selfDeclaredMadeForKids).toBe(false);
    expect(youtubeMetadata({ ...message, madeForKids: true }, 'https://voci.example/m').status.selfDeclaredMadeForKids).toBe(true);
  });
  it('keeps a long description within 5,000 bytes, marker included', () => {
    const { snippet } = youtubeMetadata({ ...message, description: 'è'.repeat(4000) }, 'https://voci.example/m');
    expect(Buffer.byteLength(snippet.description)).toBeLessThanOrEqual(5000);
    expect(snippet.description).toContain(`ID: ${message.id}`);
  });
  it('keeps tags within 500 characters', () => {
    const { snippet } = youtubeMetadata({ ...message, themes: Array.from({ length: 80 }, (_, i) => `tema numero ${i}`) }, 'https://voci.example/m');
    const cost = snippet.tags.reduce((sum, t, i) => sum + t.length + (t.includes(' ') ? 2 : 0) + (i ? 1 : 0), 0);
    expect(cost).toBeLessThanOrEqual(500);
  });
});
