import * as yup from 'yup';
import { conflict, isDuplicateKeyError, notFound } from '@muster/shared';
import { accountIdFor, allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { validateBody } from '../http/validate-body.js';

const newTeam = yup.object({
  name: yup.string().trim().required('name is required.').max(100, 'name must be at most 100 characters.'),
});

export function teamRoutes({ models }: AppDeps): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/v1/teams',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          const accountId = accountIdFor(req, res);
          const { name } = validateBody(newTeam, req.body);
          if (!(await models.Account.exists({ _id: accountId }))) throw notFound('The account');
          try {
            const team = await models.Team.create({ accountId, name, nameLower: name.toLowerCase() });
            res.status(201).json({ id: String(team._id), name: team.name });
          } catch (error) {
            if (isDuplicateKeyError(error)) throw conflict('TEAM_EXISTS', `A team called "${name}" already exists.`);
            throw error;
          }
        },
      ],
    },
    {
      method: 'get',
      path: '/api/v1/teams',
      handlers: [
        allow('account_owner', 'manager'),
        async (req, res) => {
          const accountId = accountIdFor(req, res);
          const teams = await models.Team.find({ accountId }).sort({ nameLower: 1 }).lean();
          res.json({ items: teams.map((t) => ({ id: String(t._id), name: t.name })) });
        },
      ],
    },
  ];
}
