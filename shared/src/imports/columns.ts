import { MODULES, type ModuleId } from '../rules/user-values.js';

/** The fields a user CSV can carry, as the worker knows them after header matching. */
export type ColumnKey = 'firstName' | 'lastName' | 'email' | 'phone' | 'role' | 'teams' | ModuleId;

/** Template header text for each column (what an Account Owner sees). */
export const COLUMN_LABELS: Record<ColumnKey, string> = {
  firstName: 'First Name',
  lastName: 'Last Name',
  email: 'Email Address',
  phone: 'Phone Number',
  role: 'Role',
  teams: 'Teams',
  lone_working: 'Lone Working',
  events: 'Events',
  incidents: 'Incidents',
  audits: 'Audits',
};

const BASE_COLUMNS: ColumnKey[] = ['firstName', 'lastName', 'email', 'phone', 'role', 'teams'];

/** Columns that must be present; Phone Number and Teams may be left out of a file. */
export function requiredColumns(modules: readonly ModuleId[]): ColumnKey[] {
  return ['firstName', 'lastName', 'email', 'role', ...orderedModules(modules)];
}

/** Modules in template order, whatever order the account lists them in. */
export function orderedModules(modules: readonly ModuleId[]): ModuleId[] {
  return MODULES.filter((m) => modules.includes(m));
}

/** The template's header row for an account: base columns, then one per purchased module. */
export function templateHeader(modules: readonly ModuleId[]): string[] {
  return [...BASE_COLUMNS, ...orderedModules(modules)].map((key) => COLUMN_LABELS[key]);
}

/** Header text reduced to letters and digits, lower-cased: "E-mail Address " -> "emailaddress". */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Every spelling we accept for each column, normalised. */
const SYNONYMS: Record<ColumnKey, string[]> = {
  firstName: ['firstname', 'forename', 'forenames', 'givenname', 'first', 'fname'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'lname'],
  email: ['emailaddress', 'email', 'emailid', 'mail', 'workemail', 'emailaddr'],
  phone: ['phonenumber', 'phone', 'mobile', 'mobilenumber', 'mobilephone', 'mobileno', 'telephone', 'telephonenumber', 'tel', 'cell', 'cellphone', 'phoneno'],
  role: ['role', 'userrole', 'usertype', 'accesslevel'],
  teams: ['teams', 'team', 'group', 'groups', 'teamnames'],
  lone_working: ['loneworking', 'loneworker', 'lw'],
  events: ['events', 'event'],
  incidents: ['incidents', 'incident'],
  audits: ['audits', 'audit'],
};

const BY_SPELLING = new Map<string, ColumnKey>(
  (Object.entries(SYNONYMS) as [ColumnKey, string[]][]).flatMap(([key, spellings]) => spellings.map((s) => [s, key] as const)),
);

/** Columns of a re-uploaded error log that are skipped without a warning. */
export const IGNORED_HEADERS = new Set(['error', 'errors']);

/** The column a header names, or undefined when it is not one of ours. */
export function columnForHeader(text: string): ColumnKey | undefined {
  return BY_SPELLING.get(normaliseHeader(text));
}
