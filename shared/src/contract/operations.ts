import * as yup from 'yup';
import { closed, json, oneOf, text } from './kit.js';
import { failures, type Operation } from './operation.js';

/** Each dependency the API needs, by name (mongodb, redis, storage): ok or unreachable. */
const Services = yup
  .mixed<Record<string, 'ok' | 'unreachable'>>()
  .defined()
  .meta(json({ type: 'object', additionalProperties: { enum: ['ok', 'unreachable'] } }));

export const Ready = closed({ status: oneOf(['ready'] as const), services: Services });
export const NotReady = closed({
  status: oneOf(['unavailable'] as const),
  error: closed({ code: text(), message: text('names the services that did not answer') }),
  services: Services,
});
export const Alive = closed({ status: oneOf(['ok'] as const) });

export const operationRoutes: Operation[] = [
  {
    operationId: 'getOpenApi',
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'operations',
    summary: 'This document',
    public: true,
    replies: { 200: { description: 'The OpenAPI 3.1 description of the API', json: yup.object().meta(json({ type: 'object' })) } },
  },
  {
    operationId: 'getLiveness',
    method: 'get',
    path: '/healthz',
    tag: 'operations',
    summary: 'The process is alive (for restarts)',
    public: true,
    replies: { 200: { description: 'Alive', json: Alive } },
  },
  {
    operationId: 'getReadiness',
    method: 'get',
    path: '/readyz',
    tag: 'operations',
    summary: 'Every dependency answers (for load balancers)',
    public: true,
    replies: { 200: { description: 'Ready', json: Ready }, 503: { description: 'Not ready: the message names the services that did not answer', json: NotReady } },
  },
  {
    operationId: 'getMetrics',
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics (METRICS_TOKEN or a support token)',
    replies: {
      200: { description: "Prometheus' text format", media: { 'text/plain': { type: 'string' } } },
      ...failures({ 401: 'No token, or neither METRICS_TOKEN nor a valid token', 403: 'A token of another role than support' }),
    },
  },
];
