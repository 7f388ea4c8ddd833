import { Types } from 'mongoose';
import type { UserDoc } from '@muster/shared';
import { UsersQuery, type Sendable, type User } from '@muster/shared/contract';
import { accountIdFor, allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../http/route.js';
import { validateFields } from '../http/validate-body.js';

export const userView = (u: UserDoc, teamNames: Map<string, string>): Sendable<User> => ({
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

const MAX_WORDS = 4;

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
          // q is bounded by the contract (MAX_USER_SEARCH): the pattern runs against every user of the account.
          const { limit, cursor, email, importId, q: search } = validateFields(UsersQuery, req.query);
          const filter: Record<string, unknown> = { accountId };
          if (email?.trim()) filter.emailLower = email.trim().toLowerCase();
          if (importId !== undefined) filter.importId = Types.ObjectId.isValid(importId) ? new Types.ObjectId(importId) : null;
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
          if (cursor) filter._id = { $gt: new Types.ObjectId(cursor) };
          const users = (await models.User.find(filter).sort({ _id: 1 }).limit(limit).lean()) as UserDoc[];
          const teams = await models.Team.find({ accountId }, { name: 1 }).lean();
          const teamNames = new Map(teams.map((t) => [String(t._id), t.name]));
          res.json({
            items: users.map((u) => userView(u, teamNames)),
            nextCursor: users.length === limit ? String(users[users.length - 1]!._id) : null,
          });
        },
      ],
    },
  ];
}
