import type { Request } from 'express';
import multer, { type StorageEngine } from 'multer';
import { AppError, type Storage } from '@muster/shared';
import { UploadSniffer, describeUnsupportedName } from './sniff-upload.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Where an upload goes; chosen by the server before the upload starts. */
export interface UploadTarget {
  key: string;
  bytes?: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    uploadTarget?: UploadTarget;
  }
}

/**
 * A multer storage engine that streams the file to object storage as it arrives: the API never
 * holds an upload in memory or on disk. The key is the server's (req.uploadTarget), never the
 * client's file name.
 */
export function s3UploadEngine(storage: Storage): StorageEngine {
  return {
    _handleFile(req: Request, file, callback) {
      const target = req.uploadTarget;
      if (!target) return callback(new Error('upload target not set'));
      const refused = describeUnsupportedName(file.originalname ?? '');
      if (refused) {
        file.stream.resume();
        return callback(new AppError('UNSUPPORTED_FILE_TYPE', refused, 415));
      }
      const sniffer = new UploadSniffer();
      const controller = new AbortController();
      file.stream.on('error', (error) => sniffer.destroy(error));
      sniffer.on('error', () => controller.abort());
      file.stream.pipe(sniffer);
      storage
        .put(target.key, sniffer, /\.xlsx$/i.test(file.originalname ?? '') ? XLSX_TYPE : 'text/csv', controller.signal)
        .then(({ bytes }) => {
          target.bytes = bytes;
          callback(null, { size: bytes });
        })
        .catch((error: unknown) => {
          // The sniffer's own 415 is the reason the upload stopped; prefer it.
          const reason = (sniffer as unknown as { errored?: Error }).errored;
          callback(reason instanceof AppError ? reason : (error as Error));
        });
    },
    _removeFile(req: Request, _file, callback) {
      const key = req.uploadTarget?.key;
      if (!key) return callback(null);
      storage.delete(key).then(() => callback(null), callback);
    },
  };
}

/** multer's limits: one file, a few small fields; anything else is refused with 4xx. */
export function uploadMiddleware(storage: Storage, maxUploadMb: number) {
  return multer({
    storage: s3UploadEngine(storage),
    limits: {
      fileSize: maxUploadMb * 1024 * 1024,
      files: 1,
      fields: 10,
      fieldSize: 1024,
      fieldNameSize: 100,
      parts: 12,
      headerPairs: 100,
    },
  }).single('file');
}

/** multer's errors in words for the person uploading. */
export function uploadError(error: unknown, maxUploadMb: number): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!(error instanceof multer.MulterError)) {
    const e = error as { $metadata?: unknown; code?: string; name?: string };
    const storageFault = e?.$metadata !== undefined || /^(ECONN|EPIPE|ETIMEDOUT|EHOSTUNREACH)/.test(e?.code ?? '') || /Timeout|Abort/.test(e?.name ?? '');
    // A fault of the storage service, not of the person uploading.
    if (storageFault) return new AppError('STORAGE_UNAVAILABLE', 'The file could not be stored just now, so nothing was uploaded. Please try again in a minute.', 503);
    // Otherwise the multipart body itself was broken (cut short, malformed).
    return new AppError('INVALID_UPLOAD', 'The upload was cut short or could not be read. Please try again.', 400);
  }
  switch (error.code) {
    case 'LIMIT_FILE_SIZE':
      return new AppError('FILE_TOO_LARGE', `The file is larger than ${maxUploadMb} MB. Split it into smaller files and upload each one.`, 413);
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      return new AppError('INVALID_UPLOAD', 'Send exactly one file, in the form field "file".', 400);
    default:
      return new AppError('INVALID_UPLOAD', `The upload was not understood (${error.message}).`, 400);
  }
}
