import { canMove, conflict, type AccountDoc, type Models } from '@muster/shared';
import { SupportImportsQuery, type QueueHealth, type Sendable, type SupportImport, type UndoPlan } from '@muster/shared/contract';
import { allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { validateFields } from '../http/validate-body.js';
import { loadImport } from '../imports/imports.routes.js';
import { parseImportFilters } from './import-filters.js';
import { searchImports, type ListedImport } from './import-search.js';
import { queueHealth } from './queue-health.js';
import { planUndo } from './undo-plan.js';

/** Account names for a page of imports: one lookup by id per account (FerretDB pushes `_id` equality down). */
async function accountNames(models: Models, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const accounts = await Promise.all(unique.map((id) => models.Account.findById(id, { name: 1 }).lean() as Promise<AccountDoc | null>));
  return new Map(unique.map((id, i) => [id, accounts[i]?.name ?? '(account removed)']));
}

const listedView = (imp: ListedImport, names: Map<string, string>): Sendable<SupportImport> => ({
  id: String(imp._id),
  accountId: String(imp.accountId),
  accountName: names.get(String(imp.accountId)) ?? '',
  fileName: imp.fileName,
  status: imp.status,
  cancelRequested: Boolean(imp.cancelRequested),
  undone: Boolean(imp.undo),
  createdBy: imp.createdBy,
  createdAt: imp.createdAt,
  updatedAt: imp.updatedAt,
  finishedAt: imp.finishedAt ?? null,
  progress: { phase: imp.progress?.phase ?? 'queued', percent: imp.progress?.percent ?? 0 },
  counts: {
    rows: imp.counts?.rows ?? 0, valid: imp.counts?.valid ?? 0, invalid: imp.counts?.invalid ?? 0, created: imp.counts?.created ?? 0,
    updated: imp.counts?.updated ?? 0, skipped: imp.counts?.skipped ?? 0, failed: imp.counts?.failed ?? 0,
  },
  error: imp.error?.code ? { code: imp.error.code, message: imp.error.message } : null,
});

/** Routes only the support console uses (support staff only: everyone else gets 403). */
export function supportRoutes(deps: AppDeps): RouteSpec[] {
  const { models, importQueue, config } = deps;
  return [
    {
      method: 'get',
      path: '/api/v1/support/imports',
      handlers: [
        allow(),
        async (req, res) => {
          const query = validateFields(SupportImportsQuery, req.query);
          const page = await searchImports(models, parseImportFilters(query), query.limit, query.cursor);
          const names = await accountNames(models, page.items.map((i) => String(i.accountId)));
          res.json({ items: page.items.map((i) => listedView(i, names)), nextCursor: page.nextCursor });
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/support/health',
      handlers: [
        allow(),
        async (_req, res) => {
          res.json((await queueHealth(models, importQueue, config.limits.recoveryStaleMs)) satisfies Sendable<QueueHealth>);
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/support/imports/:id/undo-preview',
      handlers: [
        allow(),
        async (req, res) => {
          const imp = await loadImport(deps, req, res);
          if (!canMove('undo', imp.status) || imp.undo) {
            throw conflict('INVALID_STATE', imp.undo ? 'This import has already been undone.' : 'Only an import that has ended can be undone.');
          }
          res.json((await planUndo(models, imp._id)) satisfies Sendable<UndoPlan>);
        },
      ],
    },
  ];
}
