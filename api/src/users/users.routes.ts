import { Types } from 'mongoose';
import type { UserDoc } from '@muster/shared';
import { accountIdFor, allow } from '../auth/auth.middleware.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '@muster/shared';
import { pageParams, queryText, type RouteSpec } from '../http/route.js';

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
          const { limit, cursor } = pageParams(req.query);
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
