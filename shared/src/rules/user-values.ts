/**
 * The values a user row can take, apart from the database models so the row rules (and the admin
 * page that runs them in the browser) do not pull in mongoose.
 */

/** Modules an account can buy; each becomes a template column and a user flag. */
export const MODULES = ['lone_working', 'events', 'incidents', 'audits'] as const;
export type ModuleId = (typeof MODULES)[number];

export const ROLES = ['user', 'manager', 'account_owner'] as const;
export type Role = (typeof ROLES)[number];

/** The user flags that match the account's modules (template column -> flag). */
export const MODULE_FLAGS = {
  lone_working: 'loneWorking',
  events: 'events',
  incidents: 'incidents',
  audits: 'audits',
} as const;
export type ModuleFlag = (typeof MODULE_FLAGS)[keyof typeof MODULE_FLAGS];
