import * as yup from 'yup';
import { AppError } from '@muster/shared';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const invalid = (message: string) => new AppError('INVALID_REQUEST', message, 400);

/** The first key anywhere in the body that could reach an object's prototype, if any. */
function prototypeKey(value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return here;
    const inner = prototypeKey((value as Record<string, unknown>)[key], here);
    if (inner) return inner;
  }
  return undefined;
}

const JSON_TYPE_NAMES: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'an object' };

function hasType(type: string, value: unknown): boolean {
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'string' || type === 'number' || type === 'boolean') return typeof value === type;
  return true;
}

/**
 * yup casts on its way (42 becomes "42", and `trim()` on an object throws), so the JSON types are
 * checked first, field by field, against what the schema declares: a wrong type is the caller's
 * mistake and answers 400 naming the field, never 500 or a silent conversion.
 */
function typeProblems(schema: yup.ObjectSchema<yup.AnyObject>, body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, field] of Object.entries(schema.fields)) {
    const value = body[name];
    if (value === undefined || value === null) continue; // the schema's own rules say whether it is required
    const { type } = field as yup.Schema;
    if (!hasType(type, value)) {
      problems.push(`${name} must be ${JSON_TYPE_NAMES[type] ?? type}.`);
      continue;
    }
    const inner = (field as yup.ArraySchema<unknown[], yup.AnyObject>).innerType as yup.Schema | undefined;
    if (type === 'array' && inner) {
      (value as unknown[]).forEach((item, i) => {
        if (!hasType(inner.type, item)) problems.push(`${name}[${i}] must be ${JSON_TYPE_NAMES[inner.type] ?? inner.type}.`);
      });
    }
  }
  return problems;
}

/** The yup errors as one 400, or the error itself when it is not yup's. */
function asInvalid(error: unknown): unknown {
  return error instanceof yup.ValidationError ? invalid(error.errors.join(' ')) : error;
}

/**
 * Validates a JSON body with a yup object schema, dropping unknown fields (so `accountId`, `_id`
 * and the like can never be set through a body), and answers 400 with every problem in one
 * message, naming the fields.
 */
export function validateBody<S extends yup.ObjectSchema<yup.AnyObject>>(schema: S, body: unknown): yup.InferType<S> {
  const given = body ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) throw invalid('The request body must be a JSON object.');
  const bad = prototypeKey(given, '');
  if (bad) throw invalid(`${bad} is not an accepted field name.`);
  const problems = typeProblems(schema, given as Record<string, unknown>);
  if (problems.length) throw invalid(problems.join(' '));
  try {
    return schema.validateSync(given, { abortEarly: false, stripUnknown: true });
  } catch (error) {
    throw asInvalid(error);
  }
}

/**
 * Validates text fields (a query string, or the text fields of a multipart form) with a yup
 * object schema from the contract, answering 400 naming the field. A field given twice is a
 * client mistake (400); one given empty counts as not given; unknown ones are ignored.
 */
export function validateFields<S extends yup.ObjectSchema<yup.AnyObject>>(schema: S, values: unknown): yup.InferType<S> {
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
    if (!(name in schema.fields) || value === undefined || value === '') continue;
    if (typeof value !== 'string') throw invalid(`${name} may be given only once.`);
    given[name] = value;
  }
  try {
    return schema.validateSync(given, { abortEarly: false, stripUnknown: true });
  } catch (error) {
    throw asInvalid(error);
  }
}
