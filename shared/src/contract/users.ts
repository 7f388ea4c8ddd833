import * as yup from 'yup';
import { ROLES } from '../rules/user-values.js';
import { closed, flag, id, json, listOf, moment, oneOf, pageOf, text, textOrNull } from './kit.js';
import { failures, type Operation } from './operation.js';
import { ACCOUNT_REQUIRED, accountQuery, pageQuery } from './queries.js';

/** A person of the account, as the users list shows them. */
export const User = closed({
  id: id(),
  firstName: text(),
  lastName: text(),
  email: text(),
  phone: textOrNull('E.164, e.g. +442079460018'),
  role: oneOf(ROLES),
  teams: listOf(text(), 'team names'),
  modules: closed({ loneWorking: flag(), events: flag(), incidents: flag(), audits: flag() }),
  importId: textOrNull('the import that last created or updated them'),
  createdAt: moment(),
  updatedAt: moment(),
});

export const MAX_USER_SEARCH = 100;

export const UsersQuery = yup.object({
  ...pageQuery,
  ...accountQuery,
  email: yup.string().meta(json({ description: 'exactly this email (any case)' })),
  importId: yup.string().meta(json({ description: 'only the people this import last created or updated' })),
  q: yup
    .string()
    .trim()
    .max(MAX_USER_SEARCH, `q must be at most ${MAX_USER_SEARCH} characters.`)
    .meta(json({ description: 'search: every word (at most 4) in the first name, last name or email' })),
});

export type User = yup.InferType<typeof User>;

export const userOperations: Operation[] = [
  {
    operationId: 'listUsers',
    method: 'get',
    path: '/api/v1/users',
    tag: 'users',
    summary: "The account's users, oldest first, paged",
    query: UsersQuery,
    replies: {
      200: { description: 'A page of users', json: pageOf(User) },
      ...failures({ 400: `limit, cursor or q is not valid; ${ACCOUNT_REQUIRED}`, 404: 'No such account' }),
    },
  },
];
