import { describe, expect, it } from 'vitest';
import { parseCaptions, transcriptOf } from './captions';

describe('captions', () => {
  it('accepts WebVTT with notes and cue settings', () => {
    const vtt = 'WEBVTT\n\nNOTE a comment\n\nintro\n00:01.000 --> 00:04.000 align:start\nBuongiorno\n\n00:00:05.000 --> 00:00:07.250\nA presto\n';
    expect(parseCaptions(vtt)).toMatchObject({ ok: true, cues: 2 });
  });

  it('turns SRT into WebVTT', () => {
    expect(parseCaptions('\uFEFF1\r\n00:00:01,000 --> 00:00:02,000\r\nCiao\r\n\r\n2\r\n00:00:02,500 --> 00:00:04,000\r\nA tutti\r\n')).toEqual({
      ok: true,
      cues: 2,
      vtt: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCiao\n\n00:00:02.500 --> 00:00:04.000\nA tutti\n',
    });
  });

  it.each([
    ['an empty file', '', 'captionsEmpty'],
    ['a web page', '<html><body>ciao</body></html>', 'captionsFormat'],
    ['a cue that ends before it starts', 'WEBVTT\n\n00:05.000 --> 00:04.000\nAl contrario\n', 'captionsTiming'],
    ['SRT without cue numbers', '00:00:01,000 --> 00:00:02,000\nCiao\n', 'captionsFormat'],
    ['a header only', 'WEBVTT\n', 'captionsEmpty'],
  ])('refuses %s', (_label, text, error) => {
    expect(parseCaptions(text)).toEqual({ ok: false, error });
  });
});

describe('the transcript of captions', () => {
  it('gives each cue its starting second and its words without WebVTT markup', () => {
    const { vtt } = parseCaptions(
      'WEBVTT\n\n00:00:01.500 --> 00:00:04.000\n<v Sindaca>Buongiorno a <i>tutti</i></v>\n\n01:02.000 --> 01:05.000\nPane &amp; latte\na domicilio\n\n01:06.000 --> 01:07.000\n<b></b>\n',
    ) as { vtt: string };
    expect(transcriptOf(vtt)).toEqual([
      { second: 1, text: 'Buongiorno a tutti' },
      { second: 62, text: 'Pane & latte a domicilio' },
    ]);
  });
});
