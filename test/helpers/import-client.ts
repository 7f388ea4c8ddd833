import { expect } from 'chai';
import { signToken, type Principal } from '../../api/src/auth/principal.js';
import type { ApiHarness } from './api-harness.js';

export type ImportBody = {
  id: string;
  status: string;
  counts: Record<string, number>;
  progress: { phase: string; processedRows: number; totalRows: number | null; percent: number };
  warnings: string[];
  errorSummary: { column: string; message: string; count: number }[];
  errorLog: { available: boolean; rows: number; contains?: string | null };
  error: { code: string; message: string } | null;
};

/** A small HTTP client for the contract, signed in as one principal. */
export class ApiClient {
  constructor(
    private readonly api: ApiHarness,
    readonly token: string,
  ) {}

  static async as(api: ApiHarness, principal: Principal, expiresIn: string | number = '1h') {
    return new ApiClient(api, await signToken(api.deps.config.auth, principal, expiresIn));
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${this.token}`, ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    return fetch(`${this.api.baseUrl}${path}`, init);
  }

  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
    const res = await this.request(method, path, body);
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).to.equal(status);
    return JSON.parse(text) as T;
  }

  /** Uploads CSV content (string or bytes) with form options; returns the raw response. */
  upload(content: string | Buffer | Uint8Array, options: Record<string, string> = {}, fileName = 'people.csv', type = 'text/csv') {
    const form = new FormData();
    for (const [k, v] of Object.entries(options)) form.append(k, v);
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)], { type }), fileName);
    return this.request('POST', '/api/v1/imports', form);
  }

  async uploadOk(content: string | Buffer | Uint8Array, options: Record<string, string> = {}): Promise<ImportBody> {
    const res = await this.upload(content, options);
    const text = await res.text();
    expect(res.status, text).to.equal(202);
    return JSON.parse(text) as ImportBody;
  }

  /** Polls the import until it reaches one of `statuses`. */
  async waitFor(id: string, statuses: string[], timeoutMs = 30_000): Promise<ImportBody> {
    const deadline = Date.now() + timeoutMs;
    let last: ImportBody | undefined;
    while (Date.now() < deadline) {
      last = await this.json<ImportBody>('GET', `/api/v1/imports/${id}`);
      if (statuses.includes(last.status)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${id} stayed ${last?.status}, expected ${statuses.join('/')}`);
  }

  async errorLog(id: string): Promise<string> {
    const res = await this.request('GET', `/api/v1/imports/${id}/error-log`);
    expect(res.status).to.equal(200);
    // Bytes as sent: fetch's text() would drop the BOM we want to see.
    return Buffer.from(await res.arrayBuffer()).toString('utf8');
  }
}

/** Builds a CSV from rows of cells (quoting where needed). */
export function csv(rows: string[][], eol = '\n', delimiter = ','): string {
  const quote = (c: string) => (/[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}

export const HEADER = ['First Name', 'Last Name', 'Email Address', 'Phone Number', 'Role', 'Teams', 'Lone Working', 'Incidents', 'Audits'];
