/**
 * The uploaded file's name as we keep and show it: no folders, no control or direction-changing
 * characters, at most 200 characters. Only ever used for display and download names.
 */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/["<>|*?:]/g, '_')
    .trim()
    .slice(0, 200);
  return clean || 'upload.csv';
}

/** A Content-Disposition header that is safe whatever the name holds (RFC 6266 / 5987). */
export function attachmentHeader(name: string): string {
  const ascii = cleanFileName(name).replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(cleanFileName(name))}`;
}
