import { Types } from 'mongoose';
import type { UserDoc } from '@muster/shared';
import { accountIdFor, allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '@muster/shared';
import { pageParams, queryText, type RouteSpec } from '../http/route.js';
import { decodeListCursor, invalidCursor, listUsersByPages, type ListCursor } from './users-list-pages.js';

export const userView = (u: UserDoc, teamNames: Map<string, string>) => ({
  id: String(u._id),
  firstName: u.firstName,
  lastName: u.lastName,
  email: u.email,
  phone: u.phone ?? null,
  role: u.role,
  teams: (u.teamIds ?? []).map((id) => teamNames.get(String(id))).filter((n): n is string => Boolean(n)),
  modules: {
    loneWorking: Boolean(u.modules?.loneWorking),
    events: Boolean(u.modules?.events),
    incidents: Boolean(u.modules?.incidents),
    audits: Boolean(u.modules?.audits),
  },
  importId: u.importId ? String(u.importId) : null,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
});

const MAX_SEARCH = 100;
const MAX_WORDS = 4;

/**
 * The whole list of an account, by list pages once every user has one; until the worker's
 * backfill has given them out (accounts from before list pages), the query below, which sees
 * everyone but on FerretDB v1 costs the whole account.
 */
async function unfilteredPage(models: AppDeps['models'], accountId: Types.ObjectId, limit: number, listCursor: ListCursor | undefined) {
  const account = await models.Account.collection.findOne({ _id: accountId }, { projection: { listPages: 1, listPagesReady: 1 } });
  if (account?.listPagesReady === true) return listUsersByPages(models, accountId, limit, listCursor, typeof account.listPages === 'number' ? account.listPages : 0);
  if (listCursor) throw invalidCursor(); // never given out for this account
  return filteredPage(models, { accountId }, limit, undefined);
}

/** Users matching `filter` by id: MongoDB answers it from `{accountId, _id}`; FerretDB v1 sorts in Go. */
async function filteredPage(models: AppDeps['models'], filter: Record<string, unknown>, limit: number, cursor: string | undefined) {
  if (cursor) filter._id = { $gt: new Types.ObjectId(cursor) };
  const users = (await models.User.find(filter).sort({ _id: 1 }).limit(limit).lean()) as UserDoc[];
  return { users, nextCursor: users.length === limit ? String(users[users.length - 1]!._id) : null };
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function userRoutes({ models }: AppDeps): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/v1/users',
      handlers: [
        allow('account_owner', 'manager'),
        async (req, res) => {
          const accountId = accountIdFor(req, res);
          // The cursor is either a user id (filtered lists, and lists of accounts still being
          // given list pages) or a list-page cursor: pageParams checks only the former.
          const rawCursor = queryText(req.query, 'cursor');
          const listCursor = rawCursor === undefined ? undefined : decodeListCursor(rawCursor);
          const { limit, cursor } = pageParams(listCursor ? { ...req.query, cursor: undefined } : req.query);
          const filter: Record<string, unknown> = { accountId };
          if (typeof req.query.email === 'string' && req.query.email.trim()) filter.emailLower = req.query.email.trim().toLowerCase();
          if (typeof req.query.importId === 'string') {
            filter.importId = Types.ObjectId.isValid(req.query.importId) ? new Types.ObjectId(req.query.importId) : null;
          }
          const search = queryText(req.query, 'q')?.trim();
          // Bounded: the pattern runs against every user of the account.
          if (search && search.length > MAX_SEARCH) throw new AppError('INVALID_REQUEST', `q must be at most ${MAX_SEARCH} characters.`, 400);
          if (search) {
            // Every word must be in the first name, last name or email: "alice walker" finds Alice
            // Walker. FerretDB v1 runs regexes in its own process over the account's users (the
            // accountId equality narrows them first), so the words are capped to keep that bounded.
            const words = search.split(/\s+/).slice(0, MAX_WORDS);
            filter.$and = words.map((word) => {
              const q = new RegExp(escapeRegex(word), 'i');
              return { $or: [{ firstName: q }, { lastName: q }, { email: q }] };
            });
          }
          // Anything besides the account narrows the list: it is read by query, not by list pages.
          const narrowed = Object.keys(filter).length > 1;
          if (listCursor && narrowed) throw invalidCursor(); // a cursor of the whole list, not of this search
          const teamsRead = models.Team.find({ accountId }, { name: 1 }).lean();
          const page = await (!narrowed && !cursor
            ? unfilteredPage(models, accountId, limit, listCursor)
            : filteredPage(models, filter, limit, cursor));
          const teamNames = new Map((await teamsRead).map((t) => [String(t._id), t.name]));
          res.json({ items: page.users.map((u) => userView(u, teamNames)), nextCursor: page.nextCursor });
        },
      ],
    },
  ];
}
