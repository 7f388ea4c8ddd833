/**
 * The one base class for errors that reach a user. `message` is written for an office
 * administrator; `code` is stable for programs; `status` is the HTTP status the API answers with.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`, 404);
export const conflict = (code: string, message: string) => new AppError(code, message, 409);
export const forbidden = () => new AppError('FORBIDDEN', 'Your role does not allow this action.', 403);
export const unauthorized = (message = 'Sign in again: your session is missing or has expired.') =>
  new AppError('UNAUTHORIZED', message, 401);
export const unavailable = (message: string) => new AppError('SERVICE_UNAVAILABLE', message, 503);
