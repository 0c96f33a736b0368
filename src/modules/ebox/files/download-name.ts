/** Characters that never belong in a file name offered for download: controls, separators, quotes, what shells and Windows refuse. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
const UNSAFE = /[\u0000-\u001f\u007f-\u009f"\\/:*?<>|;\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The name's last path segment, without unsafe characters, not starting with a dot, at most 200 characters; 'document.pdf' if nothing is left. */
function cleanName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(UNSAFE, '_').replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const short = Array.from(cleaned).slice(0, 200).join('');
  return short === '' || /^_+$/.test(short) ? 'document.pdf' : short;
}

/** RFC 5987 value characters (attr-char) stay, everything else is percent-encoded from UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A `Content-Disposition` value for a stored file's name (kept as given, in UTF-8, portal.md §4.3): an ASCII fallback
 * for old clients (accents dropped, other characters as '_') and the exact name as RFC 5987 `filename*=UTF-8''…`;
 * no path separators, control characters or quotes can reach the header.
 */
export function safeDownloadName(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const name = cleanName(fileName);
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/%/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
