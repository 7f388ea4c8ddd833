import type { ImportPhase, ImportStatus } from '@muster/shared/imports/lifecycle';
import { token } from './session.ts';

export interface ImportView {
  id: string;
  fileName: string;
  status: ImportStatus;
  mode: 'all-or-nothing' | 'partial';
  existing: 'skip' | 'update' | 'fail';
  createdBy: string;
  /** The uploader's name or email from their token; null when it had neither (then `createdBy`, an id, is all there is). */
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
  startedAt: string | null;
  progress: { phase: ImportPhase; processedRows: number; totalRows: number | null; percent: number; waiting: boolean };
  counts: { rows: number; valid: number; invalid: number; created: number; updated: number; skipped: number; failed: number };
  warnings: string[];
  errorSummary: { column: string; message: string; count: number; missingTeams?: string[] }[];
  errorLog: { available: boolean; rows: number };
  error: { code: string; message: string } | null;
}

/** Who started an import, as a person: "You", their name or email, else the id their token had. */
export const whoStarted = (imp: Pick<ImportView, 'createdBy' | 'createdByName'>, me: string | undefined) =>
  imp.createdBy === me ? 'You' : imp.createdByName ?? imp.createdBy;

export interface UserView {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  role: string;
  teams: string[];
  modules: Record<string, boolean>;
}

/** An API error with the server's words, ready to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function fail(res: Response): Promise<never> {
  let code = 'ERROR';
  let message = `Something went wrong (${res.status}). Please try again.`;
  try {
    const body = (await res.json()) as { error?: { code: string; message: string } };
    if (body.error) ({ code, message } = body.error);
  } catch {
    // not JSON: keep the generic message
  }
  throw new ApiError(res.status, code, message);
}

export async function api<T>(method: string, path: string): Promise<T> {
  const res = await fetch(path, { method, headers: { authorization: `Bearer ${token()}` } });
  if (!res.ok) await fail(res);
  return (await res.json()) as T;
}

/** Downloads a CSV through fetch (the token is a header, so a plain link cannot carry it). */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token()}` } });
  if (!res.ok) await fail(res);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Uploads with XMLHttpRequest, which (unlike fetch) reports upload progress. */
export function uploadFile(file: File, options: Record<string, string>, onProgress: (fraction: number) => void): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(options)) form.append(k, v);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/imports');
    xhr.setRequestHeader('authorization', `Bearer ${token()}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload did not reach Muster. Check your connection and try again.'));
    xhr.onload = () => {
      let body: { error?: { code: string; message: string } } & Partial<ImportView> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // keep the empty body
      }
      if (xhr.status === 202) resolve(body as ImportView);
      else reject(new ApiError(xhr.status, body.error?.code ?? 'ERROR', body.error?.message ?? `The upload failed (${xhr.status}).`));
    };
    xhr.send(form);
  });
}
