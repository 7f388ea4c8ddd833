import { notFound, type AccountDoc } from '@muster/shared';
import { AccountsQuery, NewAccount, type Account, type Sendable } from '@muster/shared/contract';
import { allow, canSeeAccount, objectIdParam } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { validateBody, validateFields } from '../http/validate-body.js';
import { searchAccounts } from './account-search.js';

export const accountView = (a: AccountDoc): Sendable<Account> => ({
  id: String(a._id),
  name: a.name,
  modules: a.modules,
  defaultCountry: a.defaultCountry,
});

export function accountRoutes({ models }: AppDeps): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/v1/accounts',
      handlers: [
        allow(), // support only
        async (req, res) => {
          const body = validateBody(NewAccount, req.body);
          const account = await models.Account.create({
            name: body.name,
            modules: [...new Set(body.modules)],
            defaultCountry: body.defaultCountry.toUpperCase(),
          });
          res.status(201).json(accountView(account.toObject() as AccountDoc));
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/accounts',
      handlers: [
        allow(), // support only: owners and managers see their own account by id
        async (req, res) => {
          const { q, limit, cursor } = validateFields(AccountsQuery, req.query);
          const page = await searchAccounts(models, q ?? '', limit, cursor);
          res.json({ items: page.items.map(accountView), nextCursor: page.nextCursor });
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/accounts/:id',
      handlers: [
        allow('account_owner', 'manager'),
        async (req, res) => {
          const id = objectIdParam(req.params.id, 'The account');
          if (!canSeeAccount(res.locals.principal, id)) throw notFound('The account');
          const account = (await models.Account.findById(id).lean()) as AccountDoc | null;
          if (!account) throw notFound('The account');
          res.json(accountView(account));
        },
      ],
    },
  ];
}
