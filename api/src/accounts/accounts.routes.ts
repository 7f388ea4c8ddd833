import * as yup from 'yup';
import { MODULES, notFound, type AccountDoc } from '@muster/shared';
import { allow, canSeeAccount, objectIdParam } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import { pageParams, type RouteSpec } from '../http/route.js';
import { validateBody } from '../http/validate-body.js';
import { searchAccounts } from './account-search.js';

const newAccount = yup.object({
  name: yup.string().trim().required('name is required.').max(200, 'name must be at most 200 characters.'),
  modules: yup
    .array(yup.string().oneOf([...MODULES], `modules may only contain ${MODULES.join(', ')}.`).required())
    .default([]),
  defaultCountry: yup
    .string()
    .required('defaultCountry is required (an ISO country code such as GB).')
    .matches(/^[A-Za-z]{2}$/, 'defaultCountry must be a two-letter ISO country code such as GB.'),
});

export const accountView = (a: AccountDoc) => ({
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
          const body = validateBody(newAccount, req.body);
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
          const { limit, cursor } = pageParams(req.query);
          const q = typeof req.query.q === 'string' ? req.query.q : '';
          const page = await searchAccounts(models, q, limit, cursor);
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
