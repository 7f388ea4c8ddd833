import type { CountryCode } from 'libphonenumber-js/max';
import { MODULE_FLAGS, type ModuleFlag, type ModuleId, type Role } from './user-values.js';
import type { ColumnKey } from '../imports/columns.js';
import type { HeaderMap } from './row-header.js';
import { parsePhone } from './phone-rule.js';
import { closestTeamName } from './team-match.js';
import { unguardFormula } from './formula-guard.js';

/** What a row is checked against: the account as it is now. */
export interface AccountContext {
  modules: readonly ModuleId[];
  defaultCountry: CountryCode;
  /** Existing teams by lower-cased name. */
  teams: ReadonlyMap<string, { id: string; name: string }>;
}

export interface RowProblem {
  /** The column as the file names it, or "Row" for the row as a whole. */
  column: string;
  /** What is wrong and what to do, for this row (may name a value or another row). */
  message: string;
  /** The same problem in words shared by every row that has it (for the error summary). */
  summary: string;
  /** A required cell left blank: allowed when the row updates an existing user. */
  blankRequired?: boolean;
  /** The team names of the cell that the account does not have (so the page can offer to create them). */
  missingTeams?: string[];
}

/** The user fields a row fills in; undefined means the cell was blank or absent. */
export interface UserFields {
  firstName?: string;
  lastName?: string;
  email: string;
  emailLower: string;
  phone?: string;
  role?: Role;
  teamIds?: string[];
  modules: Partial<Record<ModuleFlag, boolean>>;
}

export interface RowResult {
  /** Present when the email is usable, even if other cells have problems. */
  fields: UserFields | undefined;
  problems: RowProblem[];
  warnings: string[];
}

const MAX_NAME = 100;
const MAX_EMAIL = 254;
const HIDDEN_CHARACTERS = /[\p{Cc}\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
// The WHATWG (HTML input type=email) grammar: what browsers and most mail systems accept.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const ROLES: Record<string, Role> = { user: 'user', manager: 'manager', accountowner: 'account_owner', owner: 'account_owner' };
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
/**
 * A cell as the user meant it. In one of our error logs uploaded again, the formula quote the log
 * added is taken off; in any other file a leading ' stays, because someone put it there on
 * purpose to keep the value from being run as a formula.
 */
export function cellValue(cells: readonly string[], index: number | undefined, fromErrorLog: boolean): string | undefined {
  if (index === undefined) return undefined;
  const raw = cells[index];
  if (raw === undefined) return undefined;
  return fromErrorLog ? unguardFormula(raw) : raw;
}

/** Checks one row; pure: the same row and context always give the same result. */
export function checkRow(cells: readonly string[], header: HeaderMap, account: AccountContext): RowResult {
  const problems: RowProblem[] = [];
  const warnings: string[] = [];
  const label = (key: ColumnKey) => header.labels[key];
  const problem = (key: ColumnKey, message: string, summary = message, blankRequired = false) =>
    problems.push({ column: label(key), message, summary, ...(blankRequired ? { blankRequired } : {}) });
  const get = (key: ColumnKey) => {
    const value = cellValue(cells, header.index[key], header.fromErrorLog)?.trim();
    return value === '' ? undefined : value;
  };

  if (cells.length > header.width && cells.slice(header.width).some((c) => c.trim() !== '')) {
    const message = `has ${cells.length} cells but the header has ${header.width} columns; check for an extra comma or a missing quote`;
    problems.push({ column: 'Row', message, summary: 'has more cells than the header row has columns' });
  }

  const name = (key: 'firstName' | 'lastName', what: string) => {
    const value = get(key);
    if (value === undefined) problem(key, `is required; enter the person's ${what}`, undefined, true);
    else if (value.length > MAX_NAME) problem(key, `is too long (${value.length} characters; at most ${MAX_NAME})`, `is longer than ${MAX_NAME} characters`);
    else if (HIDDEN_CHARACTERS.test(value)) problem(key, 'contains hidden characters (such as tabs, line breaks or zero-width spaces); retype it');
    else return value;
    return undefined;
  };
  const firstName = name('firstName', 'first name');
  const lastName = name('lastName', 'last name');

  let fields: UserFields | undefined;
  const email = get('email');
  if (email === undefined) problem('email', "is required; enter the person's email address");
  else if (email.length > MAX_EMAIL) problem('email', `is too long (${email.length} characters; at most ${MAX_EMAIL})`, `is longer than ${MAX_EMAIL} characters`);
  else if (!EMAIL.test(email)) problem('email', 'is not a valid email address; it should look like name@example.com, with no spaces');
  else fields = { email, emailLower: email.toLowerCase(), modules: {} };

  const phoneText = get('phone');
  let phone: string | undefined;
  if (phoneText !== undefined) {
    const parsed = parsePhone(phoneText, account.defaultCountry);
    if (parsed.ok) phone = parsed.e164;
    else problem('phone', parsed.message, parsed.summary);
  }

  const roleText = get('role');
  let role: Role | undefined;
  if (roleText === undefined) problem('role', 'is required; enter User, Manager or Account Owner', undefined, true);
  else {
    role = ROLES[roleText.toLowerCase().replace(/[^a-z]/g, '')];
    if (!role) problem('role', `is "${roleText}", which is not a role; enter User, Manager or Account Owner`, 'is not User, Manager or Account Owner');
  }

  const teamIds = checkTeams(get('teams'), account, (message, summary, missingTeams) =>
    problems.push({ column: label('teams'), message, summary, missingTeams }));

  const modules: Partial<Record<ModuleFlag, boolean>> = {};
  for (const moduleId of ['lone_working', 'events', 'incidents', 'audits'] as const) {
    const bought = account.modules.includes(moduleId);
    const text = get(moduleId);
    if (text === undefined) {
      if (bought && header.index[moduleId] !== undefined) problem(moduleId, 'is required; enter True or False', undefined, true);
      continue;
    }
    const lower = text.toLowerCase();
    const value = TRUE.has(lower) ? true : FALSE.has(lower) ? false : undefined;
    if (value === undefined) problem(moduleId, `is "${text}", which is not True or False; enter True or False`, 'is not True or False');
    else if (value && !bought) problem(moduleId, 'is True, but your account does not have this module; enter False or leave it blank');
    else if (bought) modules[MODULE_FLAGS[moduleId]] = value;
  }

  if (modules.loneWorking && phoneText === undefined) {
    warnings.push('Lone Working users need a phone number so responders can call them');
  }
  if (fields) {
    Object.assign(fields, { firstName, lastName, phone, role, teamIds, modules });
    for (const key of Object.keys(fields) as (keyof UserFields)[]) if (fields[key] === undefined) delete fields[key];
  }
  return { fields, problems, warnings };
}

function checkTeams(
  text: string | undefined,
  account: AccountContext,
  problem: (message: string, summary: string, missing: string[]) => void,
): string[] | undefined {
  if (text === undefined) return undefined;
  const names = [...new Set(text.split(/[;,]/).map((t) => t.trim()).filter(Boolean))];
  const ids = new Set<string>();
  const missing: string[] = [];
  for (const name of names) {
    const team = account.teams.get(name.toLowerCase());
    if (team) ids.add(team.id);
    else missing.push(name);
  }
  if (missing.length) {
    const allNames = [...account.teams.values()].map((t) => t.name);
    const described = missing.map((name) => {
      const near = closestTeamName(name, allNames);
      return near ? `"${name}" (did you mean "${near}"?)` : `"${name}"`;
    });
    const plural = missing.length > 1;
    const listed = plural ? `${described.slice(0, -1).join(', ')} and ${described.at(-1)}` : described[0];
    problem(
      plural
        ? `has ${listed}, teams that do not exist in your account; create them first, or correct the names`
        : `has ${listed}, a team that does not exist in your account; create it first, or correct the name`,
      'has a team that does not exist in your account; create the team first',
      missing,
    );
    return undefined;
  }
  return [...ids];
}
