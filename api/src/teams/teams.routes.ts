import { conflict, isDuplicateKeyError, notFound } from '@muster/shared';
import { NewTeam, TeamsQuery, type Sendable, type Team, type TeamList } from '@muster/shared/contract';
import { accountIdFor, allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { validateBody, validateFields } from '../http/validate-body.js';

export function teamRoutes({ models }: AppDeps): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/v1/teams',
      handlers: [
        allow('account_owner'),
        async (req, res) => {
          validateFields(TeamsQuery, req.query);
          const accountId = accountIdFor(req, res);
          const { name } = validateBody(NewTeam, req.body);
          if (!(await models.Account.exists({ _id: accountId }))) throw notFound('The account');
          try {
            const team = await models.Team.create({ accountId, name, nameLower: name.toLowerCase() });
            res.status(201).json({ id: String(team._id), name: team.name } satisfies Sendable<Team>);
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
          validateFields(TeamsQuery, req.query);
          const accountId = accountIdFor(req, res);
          const teams = await models.Team.find({ accountId }).sort({ nameLower: 1 }).lean();
          res.json({ items: teams.map((t) => ({ id: String(t._id), name: t.name })) } satisfies Sendable<TeamList>);
        },
      ],
    },
  ];
}
