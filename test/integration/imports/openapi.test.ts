import { expect } from 'chai';
import { apiRoutes } from '../../../api/src/routes.js';
import { useImportStack } from './setup.js';

const toOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('OpenAPI description', () => {
  const stack = useImportStack();

  it('is served at /api/v1/openapi.json and describes exactly the mounted routes', async () => {
    const res = await fetch(`${stack.api.baseUrl}/api/v1/openapi.json`);
    expect(res.status).to.equal(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).to.equal('3.1.0');
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const mounted = apiRoutes(stack.api.deps).map((r) => `${r.method.toUpperCase()} ${toOpenApi(r.path)}`);
    expect([...described].sort()).to.deep.equal([...mounted].sort());
  });
});
