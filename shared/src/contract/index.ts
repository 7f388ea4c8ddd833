/**
 * The HTTP contract: every request and response shape of the API, defined once with yup. The
 * API validates requests with these and types its views with them, the OpenAPI document
 * (openapi.ts) is generated from them, and the admin page takes its types from here. Nothing
 * here may import a Node module or the database models: the page bundles it.
 */
import { accountOperations } from './accounts.js';
import { importOperations } from './imports.js';
import type { Operation } from './operation.js';
import { operationRoutes } from './operations.js';
import { supportOperations } from './support.js';
import { teamOperations } from './teams.js';
import { userOperations } from './users.js';

export * from './accounts.js';
export * from './errors.js';
export * from './imports.js';
export * from './kit.js';
export * from './operation.js';
export * from './operations.js';
export * from './queries.js';
export * from './support.js';
export * from './teams.js';
export * from './users.js';

/** Every operation of the API, by feature. A route the app mounts must have one here. */
export const OPERATIONS: Operation[] = [
  ...accountOperations,
  ...teamOperations,
  ...userOperations,
  ...importOperations,
  ...supportOperations,
  ...operationRoutes,
];
