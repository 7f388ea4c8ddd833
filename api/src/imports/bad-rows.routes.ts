import { AppError, badRowsFolder, badRowsIndexKey, badRowsPageKey, type BadRow, type BadRowsIndex, type Storage } from '@muster/shared';
import { allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { loadImport } from './imports.routes.js';

async function readJson<T>(storage: Storage, key: string): Promise<T | null> {
  const object = await storage.get(key);
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

const noBadRows = () =>
  new AppError('NOT_FOUND', 'This import has no bad rows to show (it has none, its check has not finished, or its files were removed).', 404);

/**
 * The bad rows of an import's last pass, for the "fix bad rows" grid: `GET .../bad-rows` is the
 * index (header, totals, the most repeated bad values); `?page=N` adds that page's 200 rows.
 */
export function badRowsRoutes(deps: AppDeps): RouteSpec[] {
  const { storage } = deps;
  return [
    {
      method: 'get',
      path: '/api/v1/imports/:id/bad-rows',
      handlers: [
        allow('account_owner', 'manager'),
        async (req, res) => {
          const imp = await loadImport(deps, req, res);
          const folder = badRowsFolder(imp);
          const index = await readJson<BadRowsIndex>(storage, badRowsIndexKey(folder));
          if (!index) throw noBadRows();
          const asked = req.query.page;
          if (asked === undefined) {
            res.json(index);
            return;
          }
          const page = typeof asked === 'string' && /^(0|[1-9][0-9]{0,5})$/.test(asked) ? Number(asked) : NaN;
          if (!(page < index.pages)) {
            throw new AppError('INVALID_REQUEST', `page must be a whole number from 0 to ${index.pages - 1}.`, 400);
          }
          const rows = await readJson<BadRow[]>(storage, badRowsPageKey(folder, page));
          if (!rows) throw noBadRows();
          res.json({ ...index, page, rows });
        },
      ],
    },
  ];
}
