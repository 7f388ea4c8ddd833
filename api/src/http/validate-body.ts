import * as yup from 'yup';
import { AppError } from '@muster/shared';

/**
 * Validates a JSON body with a yup schema, dropping unknown fields (so `accountId`, `_id` and the
 * like can never be set through a body), and answers 400 with every problem in one message.
 */
export function validateBody<S extends yup.AnySchema>(schema: S, body: unknown): yup.InferType<S> {
  try {
    return schema.validateSync(body ?? {}, { abortEarly: false, stripUnknown: true });
  } catch (error) {
    if (error instanceof yup.ValidationError) {
      throw new AppError('INVALID_REQUEST', error.errors.join(' '), 400);
    }
    throw error;
  }
}
