import type { ImportErrorCode } from '@muster/shared';

/**
 * A problem with the file as a whole (not one row): the import fails at once with this message
 * and is never retried, because running it again cannot help.
 */
export class FileError extends Error {
  override name = 'FileError';
  constructor(
    readonly code: Extract<ImportErrorCode, 'INVALID_FILE' | 'MISSING_COLUMNS' | 'FILE_MISSING'>,
    message: string,
  ) {
    super(message);
  }
}
