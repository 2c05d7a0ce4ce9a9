/*
 * The name the browser gave a file is only shown back to people, never used as
 * a path: folders, control and bidirectional-override characters go, and the
 * length is capped.
 */
export function displayFilename(raw: string | null | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'video';
}

export const ALLOWED_EXTENSIONS = ['mp4', 'mov', 'm4v', 'webm'] as const;

export function hasAllowedExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return false;
  const ext = name.slice(dot + 1).toLowerCase();
  return (ALLOWED_EXTENSIONS as readonly string[]).includes(ext);
}
