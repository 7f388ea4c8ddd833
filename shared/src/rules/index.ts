/**
 * The row rules for the browser: everything the worker uses to map a header and check a row,
 * without the database, storage or queue code that `@muster/shared` also exports. The page
 * imports `@muster/shared/rules/index`; a unit test bundles this file for the browser.
 */
export * from './user-values.js';
export * from './row-header.js';
export * from './header-map.js';
export * from './file-error.js';
export * from './row-rules.js';
export * from './phone-rule.js';
export * from './team-match.js';
export * from './formula-guard.js';
export * from './account-context.js';
export * from './row-edits.js';
export * from '../imports/columns.js';
