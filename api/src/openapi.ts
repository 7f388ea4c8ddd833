/**
 * The OpenAPI 3.1 description of the HTTP contract, served at /api/v1/openapi.json. A test checks
 * that it describes exactly the routes the app mounts.
 */
const error = { $ref: '#/components/schemas/Error' };
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const csv = { content: { 'text/csv': { schema: { type: 'string' } } } };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: STATUS_TEXT[c] ?? 'Error', ...json(error) }]));
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request', 401: 'Missing, invalid or expired token', 403: 'Role not allowed', 404: 'Not found (or another account\'s)',
  409: 'Conflict with the current state', 413: 'File too large', 415: 'Not a CSV or .xlsx file we can read', 429: 'Too many uploads (see Retry-After)', 503: 'A service is unavailable',
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const page = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } },
  { name: 'cursor', in: 'query', schema: { type: 'string', pattern: '^[0-9a-f]{24}$' } },
  { name: 'accountId', in: 'query', description: 'support staff only: the account to list', schema: { type: 'string' } },
];
const list = (item: string) => ({
  type: 'object',
  properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, nextCursor: { type: ['string', 'null'] } },
});
const importAction = (summary: string) => ({
  post: { summary, parameters: [idParam], responses: { '202': { description: 'Accepted', ...json({ $ref: '#/components/schemas/Import' }) }, ...errors(401, 403, 404, 409) } },
});

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Muster bulk user import', version: '1.0.0' },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/accounts': {
        get: {
          summary: 'Find accounts by name (support): any case, part of the name, oldest first',
          parameters: [
            { name: 'q', in: 'query', description: 'part of the account name, any case', schema: { type: 'string' } },
            page[0], page[1],
          ],
          responses: { '200': { description: 'OK', ...json(list('Account')) }, ...errors(401, 403) },
        },
        post: {
          summary: 'Create an account (support)',
          requestBody: json({ $ref: '#/components/schemas/NewAccount' }),
          responses: { '201': { description: 'Created', ...json({ $ref: '#/components/schemas/Account' }) }, ...errors(400, 401, 403) },
        },
      },
      '/api/v1/accounts/{id}': {
        get: { summary: 'An account', parameters: [idParam], responses: { '200': { description: 'OK', ...json({ $ref: '#/components/schemas/Account' }) }, ...errors(401, 403, 404) } },
      },
      '/api/v1/teams': {
        post: {
          summary: 'Create a team (owner)',
          requestBody: json({ type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 100 } } }),
          responses: { '201': { description: 'Created', ...json({ $ref: '#/components/schemas/Team' }) }, ...errors(400, 401, 403, 409) },
        },
        get: { summary: 'The account\'s teams', responses: { '200': { description: 'OK', ...json(list('Team')) }, ...errors(401, 403) } },
      },
      '/api/v1/users': {
        get: {
          summary: 'The account\'s users, paged',
          parameters: [
            ...page,
            { name: 'email', in: 'query', schema: { type: 'string' } },
            { name: 'importId', in: 'query', schema: { type: 'string' } },
            { name: 'q', in: 'query', description: 'search in names and email', schema: { type: 'string', maxLength: 100 } },
          ],
          responses: { '200': { description: 'OK', ...json(list('User')) }, ...errors(401, 403) },
        },
      },
      '/api/v1/imports/{id}/corrections': {
        post: {
          summary: 'Fix bad rows: a new import from this import\'s stored file plus edits by row number (owner); checked like an upload',
          parameters: [idParam],
          requestBody: json({
            type: 'object',
            required: ['edits'],
            properties: { edits: { type: 'object', description: 'row number -> { 0-based cell index: new text }', additionalProperties: { type: 'object', additionalProperties: { type: 'string', maxLength: 1000 } } } },
          }),
          responses: { '202': { description: 'The corrected import', ...json({ $ref: '#/components/schemas/Import' }) }, ...errors(400, 401, 403, 404, 409, 503) },
        },
      },
      '/api/v1/imports/row-rules-context': {
        get: {
          summary: 'What the shared row rules check a row against (modules, phone country, teams), for re-checking edited rows in the browser (owner)',
          responses: {
            '200': {
              description: 'OK',
              ...json({
                type: 'object',
                required: ['modules', 'defaultCountry', 'teams'],
                properties: { modules: { type: 'array', items: { type: 'string' } }, defaultCountry: { type: 'string' }, teams: { type: 'array', items: { $ref: '#/components/schemas/Team' } } },
              }),
            },
            ...errors(401, 403, 404),
          },
        },
      },
      '/api/v1/imports/template': {
        get: {
          summary: 'The account\'s template: CSV (the header row) or an Excel workbook with drop-downs and a sheet of teams',
          parameters: [{ name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' } }],
          responses: {
            '200': { description: 'The template', content: { ...csv.content, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
            ...errors(400, 401, 403),
          },
        },
      },
      '/api/v1/imports': {
        post: {
          summary: 'Upload a CSV or Excel (.xlsx) file and start checking it',
          requestBody: {
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: {
                    file: { type: 'string', format: 'binary' },
                    mode: { enum: ['all-or-nothing', 'partial'], default: 'all-or-nothing' },
                    existing: { enum: ['skip', 'update', 'fail'], default: 'skip' },
                    autoStart: { enum: ['true', 'false'], default: 'false' },
                  },
                },
              },
            },
          },
          responses: {
            '202': { description: 'Accepted; Location names the import', ...json({ $ref: '#/components/schemas/Import' }) },
            ...errors(400, 401, 403, 413, 415, 429, 503),
          },
        },
        get: {
          summary: 'Imports, newest first',
          parameters: [...page, { name: 'status', in: 'query', schema: { type: 'string' } }],
          responses: { '200': { description: 'OK', ...json(list('Import')) }, ...errors(400, 401, 403) },
        },
      },
      '/api/v1/imports/{id}': {
        get: { summary: 'One import', parameters: [idParam], responses: { '200': { description: 'OK', ...json({ $ref: '#/components/schemas/Import' }) }, ...errors(401, 403, 404) } },
      },
      '/api/v1/imports/{id}/start': importAction('Start a validated import'),
      '/api/v1/imports/{id}/cancel': importAction('Cancel an import that has not ended'),
      '/api/v1/imports/{id}/retry': importAction('Run a failed import again from its stored file'),
      '/api/v1/imports/{id}/undo': {
        post: {
          summary: 'Undo an ended import: remove the users it created, restore the ones it updated (unless changed since)',
          parameters: [idParam],
          responses: { '200': { description: 'Undone', ...json({ $ref: '#/components/schemas/Import' }) }, ...errors(401, 403, 404, 409) },
        },
      },
      '/api/v1/support/imports': {
        get: {
          summary: 'Every account\'s imports, newest first (support). A page may hold fewer than `limit` items and still have a nextCursor: each page reads a bounded number of imports.',
          parameters: [
            page[0], page[1],
            { name: 'status', in: 'query', description: 'comma-separated statuses', schema: { type: 'string' } },
            { name: 'accountId', in: 'query', schema: { type: 'string' } },
            { name: 'from', in: 'query', description: 'created at or after (ISO date or time)', schema: { type: 'string' } },
            { name: 'to', in: 'query', description: 'created before (ISO date or time)', schema: { type: 'string' } },
            { name: 'file', in: 'query', description: 'part of the file name, any case', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'OK', ...json(list('SupportImport')) }, ...errors(400, 401, 403) },
        },
      },
      '/api/v1/support/imports/{id}/undo-preview': {
        get: {
          summary: 'What undoing the import would do now (support): users removed, users restored, people left alone',
          parameters: [idParam],
          responses: { '200': { description: 'OK', ...json({ $ref: '#/components/schemas/UndoPlan' }) }, ...errors(401, 403, 404, 409) },
        },
      },
      '/api/v1/support/health': {
        get: {
          summary: 'The queue, the workers seen in the last minute and the stuck imports (support)',
          responses: { '200': { description: 'OK', ...json({ $ref: '#/components/schemas/QueueHealth' }) }, ...errors(401, 403) },
        },
      },
      '/api/v1/imports/{id}/error-log': {
        get: { summary: 'The error log', parameters: [idParam], responses: { '200': { description: 'CSV', ...csv }, ...errors(401, 403, 404) } },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
        NewAccount: {
          type: 'object',
          required: ['name', 'defaultCountry'],
          properties: {
            name: { type: 'string' },
            modules: { type: 'array', items: { enum: ['lone_working', 'events', 'incidents', 'audits'] } },
            defaultCountry: { type: 'string', pattern: '^[A-Za-z]{2}$' },
          },
        },
        Account: {
          type: 'object',
          properties: { id: { type: 'string' }, name: { type: 'string' }, modules: { type: 'array', items: { type: 'string' } }, defaultCountry: { type: 'string' } },
        },
        SupportImport: {
          type: 'object',
          properties: {
            id: { type: 'string' }, accountId: { type: 'string' }, accountName: { type: 'string' }, fileName: { type: 'string' },
            status: { type: 'string' }, cancelRequested: { type: 'boolean' }, undone: { type: 'boolean' },
            createdBy: { type: 'string' }, createdAt: { type: 'string' }, updatedAt: { type: 'string' }, finishedAt: { type: ['string', 'null'] },
            progress: { type: 'object', properties: { phase: { type: 'string' }, percent: { type: 'number' } } },
            counts: { type: 'object', properties: Object.fromEntries(['rows', 'valid', 'invalid', 'created', 'updated', 'skipped', 'failed'].map((k) => [k, { type: 'integer' }])) },
            error: { oneOf: [{ type: 'null' }, { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } }] },
          },
        },
        UndoPlan: {
          type: 'object',
          properties: {
            remove: { type: 'integer' }, restore: { type: 'integer' }, leftAloneCount: { type: 'integer' },
            removing: { type: 'array', items: { type: 'string' }, description: 'emails, at most 200' },
            restoring: { type: 'array', items: { type: 'string' }, description: 'emails, at most 200' },
            leftAlone: { type: 'array', items: { type: 'object', properties: { email: { type: 'string' }, reason: { type: 'string' } } } },
          },
        },
        QueueHealth: {
          type: 'object',
          properties: {
            queue: { type: 'object', properties: Object.fromEntries(['waiting', 'delayed', 'active', 'failed'].map((k) => [k, { type: 'integer' }])) },
            oldestWaitingSeconds: { type: ['integer', 'null'] },
            workers: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, idleSeconds: { type: 'integer' } } } },
            stuck: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'string' }, accountId: { type: 'string' }, fileName: { type: 'string' }, status: { type: 'string' }, since: { type: 'string' } } },
            },
            stuckAfterSeconds: { type: 'integer' },
          },
        },
        Team: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
        User: {
          type: 'object',
          properties: {
            id: { type: 'string' }, firstName: { type: 'string' }, lastName: { type: 'string' }, email: { type: 'string' },
            phone: { type: ['string', 'null'] }, role: { enum: ['user', 'manager', 'account_owner'] },
            teams: { type: 'array', items: { type: 'string' } },
            modules: { type: 'object', properties: { loneWorking: { type: 'boolean' }, events: { type: 'boolean' }, incidents: { type: 'boolean' }, audits: { type: 'boolean' } } },
            importId: { type: ['string', 'null'] }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' },
          },
        },
        Import: {
          type: 'object',
          properties: {
            id: { type: 'string' }, accountId: { type: 'string' }, fileName: { type: 'string' },
            status: { enum: ['queued', 'validating', 'validated', 'importing', 'completed', 'completed_with_errors', 'failed', 'cancelled', 'undone'] },
            mode: { enum: ['all-or-nothing', 'partial'] }, existing: { enum: ['skip', 'update', 'fail'] },
            createdBy: { type: 'string' }, createdByName: { type: ['string', 'null'], description: "the uploader's name or email, from their token's name or email claim" }, createdAt: { type: 'string' }, updatedAt: { type: 'string' },
            progress: { type: 'object', properties: { phase: { type: 'string' }, processedRows: { type: 'integer' }, totalRows: { type: ['integer', 'null'] }, percent: { type: 'number' }, waiting: { type: 'boolean', description: 'waiting for another import of the account to finish' } } },
            counts: { type: 'object', properties: Object.fromEntries(['rows', 'valid', 'invalid', 'created', 'updated', 'skipped', 'failed'].map((k) => [k, { type: 'integer' }])) },
            warnings: { type: 'array', items: { type: 'string' } },
            errorSummary: { type: 'array', items: { type: 'object', properties: { column: { type: 'string' }, message: { type: 'string' }, count: { type: 'integer' }, missingTeams: { type: 'array', items: { type: 'string' }, description: 'for a team that does not exist: every such team name in the file, once' } } } },
            errorLog: { type: 'object', properties: { available: { type: 'boolean' }, rows: { type: 'integer' } } },
            error: { oneOf: [{ type: 'null' }, { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } }] },
          },
        },
      },
    },
  };
}
