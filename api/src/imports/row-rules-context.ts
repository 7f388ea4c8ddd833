import { notFound } from '@muster/shared';
import type { RowRulesContext, Sendable } from '@muster/shared/contract';
import { accountIdFor, allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';

/**
 * What the shared row rules (shared/src/rules/row-rules.ts) check a row against, for the admin
 * page to re-check edited cells in the browser with the worker's own rules: the account's
 * modules, its default phone country and its teams, as they are now.
 */
export function rowRulesContextRoutes({ models }: AppDeps): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/v1/imports/row-rules-context',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const accountId = accountIdFor(req, res);
          const account = await models.Account.findById(accountId).lean();
          if (!account) throw notFound('The account');
          const teams = await models.Team.find({ accountId }).sort({ nameLower: 1 }).lean();
          res.json({
            modules: account.modules,
            defaultCountry: account.defaultCountry,
            teams: teams.map((t) => ({ id: String(t._id), name: t.name })),
          } satisfies Sendable<RowRulesContext>);
        },
      ],
    },
  ];
}
