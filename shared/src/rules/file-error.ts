/**
 * A problem with the file as a whole (not one row): the import fails at once with this message
 * and is never retried, because running it again cannot help. It lives with the rules so the
 * header check (`header-map.ts`) can throw it in the browser as in the worker.
 */
export class FileError extends Error {
  override name = 'FileError';
  constructor(
    readonly code: 'INVALID_FILE' | 'MISSING_COLUMNS' | 'FILE_MISSING',
    message: string,
  ) {
    super(message);
  }
}
