import type { CountryCode } from 'libphonenumber-js/max';
import type { AccountContext } from './row-rules.js';
import type { ModuleId } from './user-values.js';

/** The account as GET /api/v1/imports/row-rules-context sends it. */
export interface RowRulesContextBody {
  modules: ModuleId[];
  defaultCountry: string;
  teams: { id: string; name: string }[];
}

/** The rules' AccountContext from the API's answer (teams keyed by lower-cased name, as the worker keys them). */
export function accountContextFrom(body: RowRulesContextBody): AccountContext {
  return {
    modules: body.modules,
    defaultCountry: body.defaultCountry as CountryCode,
    teams: new Map(body.teams.map((t) => [t.name.toLowerCase(), t])),
  };
}
