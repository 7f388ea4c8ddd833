import * as yup from 'yup';
import { closed, id, listOf, text } from './kit.js';
import { failures, JSON_TOO_LARGE, type Operation } from './operation.js';
import { ACCOUNT_REQUIRED, accountQuery } from './queries.js';

export const Team = closed({ id: id(), name: text() });

/** POST /api/v1/teams. Unknown fields are ignored. */
export const NewTeam = yup.object({
  name: yup.string().trim().required('name is required.').max(100, 'name must be at most 100 characters.'),
});

/** Every team of the account, by name (not paged: an account has a few hundred at most). */
export const TeamList = closed({ items: listOf(Team) });

export const TeamsQuery = yup.object({ ...accountQuery });

export type Team = yup.InferType<typeof Team>;
export type NewTeam = yup.InferType<typeof NewTeam>;
export type TeamList = yup.InferType<typeof TeamList>;

export const teamOperations: Operation[] = [
  {
    operationId: 'createTeam',
    method: 'post',
    path: '/api/v1/teams',
    tag: 'teams',
    summary: 'Create a team (owner)',
    query: TeamsQuery,
    jsonBody: NewTeam,
    replies: {
      201: { description: 'Created', json: Team },
      ...failures({ 400: `name is missing or not valid; ${ACCOUNT_REQUIRED}`, 404: 'No such account', 409: 'TEAM_EXISTS: a team of that name exists', 413: JSON_TOO_LARGE }),
    },
  },
  {
    operationId: 'listTeams',
    method: 'get',
    path: '/api/v1/teams',
    tag: 'teams',
    summary: "The account's teams, by name",
    query: TeamsQuery,
    replies: { 200: { description: 'Every team', json: TeamList }, ...failures({ 400: ACCOUNT_REQUIRED, 404: 'No such account' }) },
  },
];
