import { closed, text } from './kit.js';

/**
 * Every error the API answers, whatever the status: a stable `code` for programs and a `message`
 * written for an office administrator, ready to show as it is.
 */
export const ErrorBody = closed({
  error: closed({
    code: text('stable, for programs: e.g. INVALID_REQUEST, ACCOUNT_REQUIRED, NOT_FOUND, INVALID_STATE, TOO_MANY_UPLOADS'),
    message: text('for people: what went wrong and what to do'),
  }),
});

/** What each error status means on every route that can answer it (routes add their own words). */
export const ERROR_MEANINGS: Record<number, string> = {
  400: 'The request is not valid; the message names the field or parameter',
  401: 'No sign-in token, or one that is invalid or expired',
  403: 'Your role does not allow this',
  404: 'Not found (another account\'s is not found either)',
  409: 'Not possible in the current state',
  413: 'The request is too large',
  415: 'Not a CSV or Excel (.xlsx) file that can be read',
  429: 'Too many requests: wait as long as Retry-After says',
  503: 'A service is briefly unavailable: try again after Retry-After seconds',
};
