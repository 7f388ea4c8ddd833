import { AppError } from '@muster/shared';

/** A form field or query parameter that must be one of `allowed`, or its default when absent. */
export function choice<T extends string>(body: Record<string, unknown>, name: string, allowed: readonly T[], fallback: T): T {
  const raw = body[name];
  if (raw === undefined || raw === '') return fallback;
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    throw new AppError('INVALID_REQUEST', `${name} must be one of ${allowed.join(', ')}.`, 400);
  }
  return raw as T;
}
