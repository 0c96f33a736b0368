/**
 * File names in a bulk upload, both as the ZIP lists them and as the manifest names them. A name is a bare file
 * name: no folder, no way to climb out of one (`..`), no absolute path or drive letter, no control characters —
 * nothing is ever extracted to disk by name, but the name travels on (to the e-Box, into a download header), so a
 * path in it is refused rather than cut off.
 */
export type NameProblem = 'path' | 'invalid';

export const MANIFEST_NAME = 'manifest.csv';
const MAX_NAME_LENGTH = 255;

export function nameProblem(name: string): NameProblem | null {
  if (/[/\\]/.test(name) || name === '..' || name === '.' || /^[A-Za-z]:/.test(name)) return 'path';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (name.trim() === '' || name.length > MAX_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(name)) return 'invalid';
  return null;
}

/**
 * The key two names are compared on: Unicode NFC (macOS writes decomposed accents) and lower case (Windows does
 * not tell `Staat.pdf` from `staat.pdf`). Two ZIP entries with one key are refused as duplicates, so the manifest
 * may name a file in any case and still mean exactly one entry.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export function isPdfName(name: string): boolean {
  return nameKey(name).endsWith('.pdf');
}

export function isManifestName(name: string): boolean {
  return nameKey(name) === MANIFEST_NAME;
}
