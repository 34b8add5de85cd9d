import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@run-comparer/wandb-client';
import { testApp } from './fixtures/app.js';
import { imageDataset } from './fixtures/image-dataset.js';

const TOKEN = 'demo-token-5f2a9c1e';
let dataset: Dataset;
let imagePath: string;

beforeAll(async () => {
  dataset = await imageDataset({ runs: 1, lastStep: 0, gridSize: 1, size: 32 });
  imagePath = Object.keys(dataset.runs[0]!.files!)[0]!;
});

describe('DEMO_TOKEN', () => {
  const routes = () => [
    '/api/health',
    '/api/projects/demo-team/img-gen/runs',
    '/api/runs/demo-team/img-gen/run0',
    '/api/runs/demo-team/img-gen/run0/image-keys',
    `/api/media/demo-team/img-gen/run0/${imagePath}`,
    `/api/media/demo-team/img-gen/run0/${imagePath}?w=64`,
  ];

  it('every API and media request without it is a 401 that says how to send it', async () => {
    const { app } = testApp(dataset, { token: TOKEN });
    for (const route of routes()) {
      const res = await request(app).get(route).expect(401);
      expect(res.body.error).toMatchObject({ code: 'auth', message: expect.stringContaining('Authorization: Bearer') });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    await request(app).post('/api/index').send({}).expect(401);
  });

  it('a wrong token, or a token in the wrong scheme, is refused', async () => {
    const { app } = testApp(dataset, { token: TOKEN });
    await request(app).get('/api/health').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    await request(app).get('/api/health').set('Authorization', `Basic ${TOKEN}`).expect(401);
    await request(app)
      .get('/api/health')
      .set('Authorization', `Bearer ${TOKEN.slice(0, -1)}`)
      .expect(401);
    await request(app).get('/api/health').set('Cookie', 'rc_token=nope').expect(401);
    await request(app).get(`/api/health?token=${TOKEN}`).expect(401);
  });

  it('the Bearer header or the cookie lets requests through', async () => {
    const { app } = testApp(dataset, { token: TOKEN });
    for (const route of routes()) {
      await request(app).get(route).set('Authorization', `Bearer ${TOKEN}`).expect(200);
      await request(app).get(route).set('Cookie', `other=1; rc_token=${TOKEN}`).expect(200);
    }
  });

  it('opening the page with ?token= sets an HttpOnly SameSite=Strict cookie and drops the token from the address', async () => {
    const { app, logLines } = testApp(dataset, { token: TOKEN });
    await request(app).get('/').expect(401).expect('content-type', /html/);
    await request(app).get('/?token=wrong-token-value').expect(401);
    const res = await request(app).get(`/?token=${TOKEN}`).expect(303);
    expect(res.headers.location).toBe('/');
    const cookie = res.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^rc_token=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const agent = request.agent(app);
    await agent.get(`/?token=${TOKEN}`).expect(303);
    await agent.get('/').expect(200).expect('content-type', /html/);
    await agent.get('/api/health').expect(200);
    expect(JSON.stringify(logLines())).not.toContain(TOKEN);
  });

  it('without a token configured, nothing asks for one', async () => {
    const { app } = testApp(dataset);
    await request(app).get('/api/health').expect(200);
    await request(app).get('/').expect(200);
  });
});

describe('security headers', () => {
  it('the page may run only its own scripts, may not be framed, and sends no referrer', async () => {
    const { app } = testApp(dataset);
    const res = await request(app).get('/').expect(200);
    const csp = res.headers['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('API answers carry them too', async () => {
    const { app } = testApp(dataset);
    const res = await request(app).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('CORS', () => {
  it('is closed by default: no cross-origin headers, preflights get nothing', async () => {
    const { app } = testApp(dataset);
    const res = await request(app).get('/api/health').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(app)
      .options('/api/index')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows exactly the configured origins, without credentials', async () => {
    const { app } = testApp(dataset, { corsOrigins: ['https://dash.example.com'] });
    const allowed = await request(app).get('/api/health').set('Origin', 'https://dash.example.com').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dash.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    expect(allowed.headers.vary).toMatch(/Origin/);
    const preflight = await request(app)
      .options('/api/index')
      .set('Origin', 'https://dash.example.com')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const other = await request(app).get('/api/health').set('Origin', 'https://dash.example.com.evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets listed origins embed media with <img> (which sends no Origin), and nobody when none are listed', async () => {
    const media = `/api/media/demo-team/img-gen/run0/${imagePath}`;
    const open = await request(testApp(dataset, { corsOrigins: ['https://dash.example.com'] }).app)
      .get(media)
      .expect(200);
    expect(open.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const closed = await request(testApp(dataset).app).get(media).expect(200);
    expect(closed.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});

describe('request log', () => {
  it('writes one JSON line per request with method, path, status, ms and bytes, but no query secrets', async () => {
    const secret = 'wandb-api-key-0123456789abcdef0123456789';
    const { app, logLines } = testApp(dataset, { token: TOKEN, secrets: [secret] });
    await request(app).get(`/api/health?token=${TOKEN}&perPage=5`).set('Authorization', `Bearer ${TOKEN}`).expect(200);
    await request(app)
      .get(`/api/runs/demo-team/img-gen/run0?search=${secret}`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    const lines = logLines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      method: 'GET',
      path: '/api/health',
      query: { perPage: '5' },
      status: 200,
    });
    expect(lines[0]!.ms).toEqual(expect.any(Number));
    expect(lines[0]!.bytes).toBeGreaterThan(50);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(secret);
  });
});
