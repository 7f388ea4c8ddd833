import * as yup from 'yup';
import { MODULES } from '../rules/user-values.js';
import { closed, id, json, listOf, oneOf, pageOf, text } from './kit.js';
import { failures, JSON_TOO_LARGE, type Operation } from './operation.js';
import { pageQuery } from './queries.js';

/** An account (a customer organisation). */
export const Account = closed({
  id: id(),
  name: text(),
  modules: listOf(oneOf(MODULES), 'the modules the account has; each adds a column to its template'),
  defaultCountry: text('ISO country code used to read phone numbers written without +country'),
});

/** POST /api/v1/accounts (support). Unknown fields are ignored. */
export const NewAccount = yup.object({
  name: yup.string().trim().required('name is required.').max(200, 'name must be at most 200 characters.'),
  modules: yup
    .array(yup.string().oneOf([...MODULES], `modules may only contain ${MODULES.join(', ')}.`).required())
    .default([]),
  defaultCountry: yup
    .string()
    .required('defaultCountry is required (an ISO country code such as GB).')
    .matches(/^[A-Za-z]{2}$/, 'defaultCountry must be a two-letter ISO country code such as GB.'),
});

export const AccountsQuery = yup.object({
  q: yup.string().meta(json({ description: 'part of the account name, any case' })),
  ...pageQuery,
});

export type Account = yup.InferType<typeof Account>;
export type NewAccount = yup.InferType<typeof NewAccount>;

export const accountOperations: Operation[] = [
  {
    operationId: 'createAccount',
    method: 'post',
    path: '/api/v1/accounts',
    tag: 'accounts',
    summary: 'Create an account (support)',
    jsonBody: NewAccount,
    replies: { 201: { description: 'Created', json: Account }, ...failures({ 400: 'A field is missing or not valid (the message names it)', 413: JSON_TOO_LARGE }) },
  },
  {
    operationId: 'findAccounts',
    method: 'get',
    path: '/api/v1/accounts',
    tag: 'accounts',
    summary: 'Find accounts by name (support): any case, part of the name, oldest first',
    query: AccountsQuery,
    replies: { 200: { description: 'A page of accounts', json: pageOf(Account) }, ...failures({ 400: 'limit or cursor is not valid' }) },
  },
  {
    operationId: 'getAccount',
    method: 'get',
    path: '/api/v1/accounts/:id',
    tag: 'accounts',
    summary: 'One account: owners and managers see their own',
    pathParams: { id: "the account's id" },
    replies: { 200: { description: 'The account', json: Account }, ...failures({ 404: 'No such account, or not yours' }) },
  },
];
