import { convertSchema } from '@sodaru/yup-to-json-schema';
import type * as yup from 'yup';
import { Account } from './accounts.js';
import { ErrorBody } from './errors.js';
import { Import, RowRulesContext } from './imports.js';
import { OPERATIONS } from './index.js';
import { openApiPath, SIGNED_IN_FAILURES, type Operation, type Reply } from './operation.js';
import { QueueHealth, SupportImport, UndoPlan } from './support.js';
import { Team } from './teams.js';
import { User } from './users.js';

type JsonSchema = Record<string, unknown>;

/** Shapes worth a name in the document: a reply of exactly one of these is a $ref to it. */
const NAMED: Record<string, yup.Schema> = { Error: ErrorBody, Import, Account, Team, User, RowRulesContext, SupportImport, UndoPlan, QueueHealth };

const HEADERS = {
  Location: { description: 'The new import', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } },
};

const TAGS = {
  accounts: 'Customer accounts (support staff create and find them)',
  teams: "An account's teams",
  users: "An account's people",
  imports: 'Uploading a file of people, checking it, importing it, undoing it',
  support: 'The support console',
  operations: 'Health, readiness, metrics and this document',
};

/** A yup schema as JSON Schema, without the `undefined`s yup's description leaves behind. */
export function jsonSchemaOf(schema: yup.Schema): JsonSchema {
  // An object's default ({ field: undefined, ... } from yup) tells a client nothing.
  const drop = (key: string, value: unknown) => (key === 'default' && typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : value);
  return JSON.parse(JSON.stringify(convertSchema(schema as never), drop)) as JsonSchema;
}

/** Each named shape's JSON text -> its $ref, to find the shapes again inside others (a page's items). */
const NAMED_TEXT = new Map(Object.entries(NAMED).map(([name, schema]) => [JSON.stringify(jsonSchemaOf(schema)), { $ref: `#/components/schemas/${name}` }]));

/** Replaces every sub-schema that is exactly a named shape with a $ref to it. */
function withRefs(schema: unknown, top = false): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (!top) {
    const ref = NAMED_TEXT.get(JSON.stringify(schema));
    if (ref) return ref;
  }
  if (Array.isArray(schema)) return schema.map((item) => withRefs(item));
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, withRefs(value)]));
}

const schemaRef = (schema: yup.Schema) => withRefs(jsonSchemaOf(schema)) as JsonSchema;

function response({ description, json, media, headers }: Reply) {
  const content = { ...(json ? { 'application/json': { schema: schemaRef(json) } } : {}), ...Object.fromEntries(Object.entries(media ?? {}).map(([type, schema]) => [type, { schema }])) };
  return {
    description,
    ...(headers?.length ? { headers: Object.fromEntries(headers.map((h) => [h, { ...HEADERS[h], required: true }])) } : {}),
    ...(Object.keys(content).length ? { content } : {}),
  };
}

/** Path and query parameters: the query's fields become parameters, required when the schema says so. */
function parameters(op: Operation) {
  const inPath = [...op.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: op.pathParams?.[name!] ?? name,
    schema: { type: 'string', pattern: '^[0-9a-f]{24}$' },
  }));
  const query = op.query ? jsonSchemaOf(op.query) : undefined;
  const fields = (query?.properties ?? {}) as Record<string, JsonSchema>;
  const required = (query?.required ?? []) as string[];
  const inQuery = Object.entries(fields).map(([name, { description, ...schema }]) => ({
    name,
    in: 'query',
    ...(required.includes(name) ? { required: true } : {}),
    ...(description ? { description } : {}),
    schema,
  }));
  return [...inPath, ...inQuery];
}

function requestBody(op: Operation) {
  if (op.jsonBody) return { required: true, content: { 'application/json': { schema: jsonSchemaOf(op.jsonBody) } } };
  if (op.formBody) return { required: true, content: { 'multipart/form-data': { schema: { ...jsonSchemaOf(op.formBody), required: ['file'] } } } };
  return undefined;
}

function operation(op: Operation) {
  const replies = op.public ? op.replies : { ...SIGNED_IN_FAILURES, ...op.replies };
  const params = parameters(op);
  const body = requestBody(op);
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(op.public ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: Object.fromEntries(
      Object.entries(replies)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, reply]) => [status, response(reply)]),
    ),
  };
}

/**
 * The OpenAPI 3.1 document of the API, generated from the contract. `serverUrl` is where the API
 * answers (the document is served by the API itself, so "/" is right for it).
 */
export function openApiDocument(serverUrl = '/') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[openApiPath(op.path)] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Muster bulk user import',
      version: '1.0.0',
      description: 'Upload a CSV or Excel file of people, check it, import it, and undo it. Every error is `{error: {code, message}}`, with a message written to be shown as it is.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: serverUrl, description: 'This Muster' }],
    security: [{ bearer: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(Object.entries(NAMED).map(([name, schema]) => [name, withRefs(jsonSchemaOf(schema), true)])),
    },
  };
}
