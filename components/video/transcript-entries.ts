import { formatDuration, type Translate } from '@/lib/i18n';
import type { TranscriptLine } from '@/lib/messages/captions';
import type { TranscriptEntry } from './Transcript';

/** The transcript's lines as <Transcript> shows them: each time written out and named for its button. */
export function transcriptEntries(lines: TranscriptLine[], t: Translate): TranscriptEntry[] {
  return lines.map((line) => {
    const time = formatDuration(line.second);
    return { second: line.second, time, seekLabel: t('video.seekTo', { time }), text: line.text };
  });
}
