import type * as yup from 'yup';
import { ERROR_MEANINGS, ErrorBody } from './errors.js';

/** A response header the contract names. */
export type ReplyHeader = 'Location' | 'Retry-After';

/** One status an operation answers. */
export interface Reply {
  description: string;
  /** The JSON body. */
  json?: yup.Schema;
  /** A body that is not JSON: media type -> its JSON Schema (e.g. text/csv). */
  media?: Record<string, Record<string, unknown>>;
  headers?: ReplyHeader[];
}

/**
 * One HTTP operation of the API: what it takes and every status it answers. The routes validate
 * their query and body with `query` / `jsonBody`, the OpenAPI document is generated from these,
 * and the integration tests check every response they receive against it.
 */
export interface Operation {
  operationId: string;
  method: 'get' | 'post';
  /** Express style: /api/v1/imports/:id */
  path: string;
  /** The feature, as an OpenAPI tag. */
  tag: string;
  summary: string;
  description?: string;
  /** Answers without a sign-in token (health, the document itself). */
  public?: true;
  /** What each `:param` of the path is. */
  pathParams?: Record<string, string>;
  query?: yup.ObjectSchema<yup.AnyObject>;
  jsonBody?: yup.ObjectSchema<yup.AnyObject>;
  /** A multipart/form-data body (the upload). */
  formBody?: yup.ObjectSchema<yup.AnyObject>;
  replies: Record<number, Reply>;
}

/**
 * Error replies, each with the shared error body; `words` says what the status means on this
 * route. 429 and 503 carry Retry-After. Signed-in operations get 401, 403 and 503 without
 * naming them (every one of them can answer those).
 */
export function failures(words: Partial<Record<number, string>>): Record<number, Reply> {
  return Object.fromEntries(
    Object.entries(words).map(([status, text]) => [
      Number(status),
      {
        description: text ?? ERROR_MEANINGS[Number(status)] ?? 'Error',
        json: ErrorBody,
        ...(status === '429' || status === '503' ? { headers: ['Retry-After'] as ReplyHeader[] } : {}),
      },
    ]),
  );
}

/** The statuses every signed-in operation may answer. */
export const SIGNED_IN_FAILURES = failures({ 401: ERROR_MEANINGS[401], 403: ERROR_MEANINGS[403], 503: ERROR_MEANINGS[503] });

/** Status text for the JSON body limit, for routes that take one. */
export const JSON_TOO_LARGE = 'The JSON body is larger than 100 kB';

/** The Express path in OpenAPI form: /api/v1/imports/:id -> /api/v1/imports/{id}. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
