// What the benchmark does through the HTTP API: make accounts, upload, follow an import.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig } from '@muster/shared';
import { signToken, type Principal } from '../../api/src/auth/principal.js';

export interface ImportAttempt {
  phase: 'validating' | 'importing';
  at: string;
  endedAt: string | null;
  outcome: string;
}

export interface ImportState {
  id: string;
  status: string;
  counts: { rows: number; invalid: number; created: number; failed: number };
  attempts: ImportAttempt[];
  finishedAt: string | null;
  error: { code: string; message: string } | null;
}

const ENDED = new Set(['completed', 'completed_with_errors', 'failed', 'cancelled']);

export class BenchClient {
  private constructor(
    readonly baseUrl: string,
    readonly token: string,
    /** The account an owner's token speaks for (none for support). */
    readonly accountId: string | undefined,
  ) {}

  static async as(baseUrl: string, principal: Principal): Promise<BenchClient> {
    const { auth } = loadConfig(process.env);
    return new BenchClient(baseUrl, await signToken(auth, principal, '12h'), principal.accountId);
  }

  /** One request; `timeoutMs` gives up on an answer that long in coming (an error, as a refusal is). */
  async json<T>(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Uploads a file as a partial, auto-starting import; returns its id. */
  async upload(file: string, existing: 'skip' | 'update' = 'skip'): Promise<string> {
    const form = new FormData();
    form.append('mode', 'partial');
    form.append('existing', existing);
    form.append('autoStart', 'true');
    const type = file.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
    form.append('file', await openAsBlob(file, { type }), basename(file));
    const res = await fetch(`${this.baseUrl}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${this.token}` }, body: form });
    if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  get(importId: string): Promise<ImportState> {
    return this.json<ImportState>('GET', `/api/v1/imports/${importId}`);
  }

  /** Polls until the import ends (or `until` says stop); returns its last state. */
  async waitFor(importId: string, until: (s: ImportState) => boolean = (s) => ENDED.has(s.status), everyMs = 250): Promise<ImportState> {
    for (;;) {
      const state = await this.get(importId);
      if (until(state) || ENDED.has(state.status)) return state;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** A fresh account with the teams the generated files use, and an owner client for it. */
export async function createBenchAccount(baseUrl: string, support: BenchClient, label: string): Promise<BenchClient> {
  const account = await support.json<{ id: string }>('POST', '/api/v1/accounts', {
    name: `Bench ${label}`,
    modules: ['lone_working', 'incidents', 'audits'],
    defaultCountry: 'GB',
  });
  const owner = await BenchClient.as(baseUrl, { sub: `bench-owner-${label}`, role: 'account_owner', accountId: account.id });
  for (const name of ['bulk users', 'Bulk extra']) await owner.json('POST', '/api/v1/teams', { name });
  return owner;
}

/** Seconds a pass took, from the worker's own record of its attempt (the last one of that phase). */
export function phaseSeconds(state: ImportState, phase: ImportAttempt['phase']): number {
  const attempt = state.attempts.filter((a) => a.phase === phase && a.outcome === 'succeeded').at(-1);
  if (!attempt?.endedAt) throw new Error(`import ${state.id} has no finished ${phase} pass (status ${state.status})`);
  return (Date.parse(attempt.endedAt) - Date.parse(attempt.at)) / 1000;
}
