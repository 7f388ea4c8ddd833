import { accountRoutes } from './accounts/accounts.routes.js';
import type { AppDeps } from './deps.js';
import type { RouteSpec } from './http/route.js';
import { badRowsRoutes } from './imports/bad-rows.routes.js';
import { correctionRoutes } from './imports/corrections.routes.js';
import { importRoutes } from './imports/imports.routes.js';
import { rowRulesContextRoutes } from './imports/row-rules-context.js';
import { supportRoutes } from './support/support.routes.js';
import { teamRoutes } from './teams/teams.routes.js';
import { userRoutes } from './users/users.routes.js';

/** Every authenticated /api/v1 route, by feature. */
export function apiRoutes(deps: AppDeps): RouteSpec[] {
  return [...accountRoutes(deps), ...teamRoutes(deps), ...userRoutes(deps),
    // Before importRoutes: its GET /api/v1/imports/:id would take "row-rules-context" for an id.
    ...rowRulesContextRoutes(deps),
    ...importRoutes(deps),
    ...correctionRoutes(deps), ...badRowsRoutes(deps), ...supportRoutes(deps)];
}
