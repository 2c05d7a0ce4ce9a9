/*
 * What typed text may contain, everywhere the portal stores or shows it. No
 * control characters (PostgreSQL refuses a NUL outright, with an error; the
 * others hide text or break lines in mail, feeds and YouTube), except line
 * breaks and tabs where the text has several lines. Angle brackets are refused
 * in what goes to YouTube (it refuses them in titles and descriptions), and in
 * theme labels, which become YouTube playlist titles.
 */

// C0 controls, DEL and C1 controls.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The same, but line feed, carriage return and tab.
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}

/** One line of text: a title, a label, a name. */
export function isSingleLine(text: string): boolean {
  return !CONTROL.test(text);
}

/** Several lines of text: a description, a reason, a note. */
export function isCleanMultiline(text: string): boolean {
  return !CONTROL_BUT_LINES.test(text);
}

export function hasNoAngleBrackets(text: string): boolean {
  return !/[<>]/.test(text);
}
