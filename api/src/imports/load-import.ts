import type { Request, Response } from 'express';
import type { ImportDoc } from '@muster/shared';
import { objectIdParam } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import { loadImportFor } from './imports.service.js';

/** The import named by the path's `:id`, if the caller may see it; 404 for a missing one and for another account's. */
export function loadImport(deps: Pick<AppDeps, 'models'>, req: Request, res: Response): Promise<ImportDoc> {
  return loadImportFor(deps.models, res.locals.principal, objectIdParam(req.params.id, 'The import'));
}
