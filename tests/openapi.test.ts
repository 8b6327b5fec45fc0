import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../src/features/api-docs/openapi.js';
import { allRoutes } from '../src/route-table.js';
import { keysOf } from '../src/i18n/index.js';
import { makeTestApp } from './helpers/app.js';

describe('API documentation', () => {
  it('when a route under /api/v1 exists, then the OpenAPI document describes it with the same method', () => {
    const t = makeTestApp();
    const documented = new Set(Object.entries(openApiDocument.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)));
    const missing = allRoutes(t.ctx)
      .filter((r) => r.path.startsWith('/api/v1/') && r.path !== '/api/v1/openapi.json')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it('when fetching /api/v1/openapi.json and /api-docs, then both answer without login', async () => {
    const { app } = makeTestApp();
    const spec = await request(app).get('/api/v1/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toBe('3.1.0');
    expect(Object.keys(spec.body.paths)).toContain('/api/v1/on-duty');
    const page = await request(app).get('/api-docs').set('Accept-Language', 'fi');
    expect(page.status).toBe(200);
    expect(page.text).toContain('JSON-rajapinta');
    expect(page.text).toContain('/api/v1/rosters/generate');
  });
});

describe('languages', () => {
  it('when comparing the three catalogues, then they have exactly the same keys', () => {
    expect(keysOf('fi')).toEqual(keysOf('en'));
    expect(keysOf('sv')).toEqual(keysOf('en'));
    expect(keysOf('en').length).toBeGreaterThan(50);
  });
});
