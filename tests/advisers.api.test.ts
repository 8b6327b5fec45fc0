import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { apiToken, makeTestApp, makeUser, type TestApp } from './helpers/app.js';
import { makeAdviser, makeRegion } from './helpers/factories.js';

async function setup() {
  const t = makeTestApp();
  const region = makeRegion(t.db);
  const admin = await makeUser(t, 'admin');
  const espooSupervisor = await makeUser(t, 'supervisor', { cityId: region.cities.espoo });
  const token = (id: number) => `Bearer ${apiToken(t, id)}`;
  return { t, region, adminAuth: token(admin.id), espooAuth: token(espooSupervisor.id), token };
}

const count = (t: TestApp) => (t.db.prepare('SELECT count(*) AS n FROM advisers').get() as { n: number }).n;

describe('GET /api/v1/advisers', () => {
  it('when an adviser exists, then the list has exactly the contract fields with skills as service codes', async () => {
    const { t, region, adminAuth } = await setup();
    const id = makeAdviser(t.db, region.cities.vantaa, {
      name: 'Aino',
      email: 'aino@example.test',
      skills: [region.services.phone, region.services.email],
      languages: ['sv', 'fi'],
      maxHoursPerWeek: 12.5,
    });
    const res = await request(t.app).get('/api/v1/advisers').set('Authorization', adminAuth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id,
        name: 'Aino',
        email: 'aino@example.test',
        cityId: region.cities.vantaa,
        skills: ['email', 'phone'],
        languages: ['fi', 'sv'],
        maxHoursPerWeek: 12.5,
        active: true,
        version: 1,
      },
    ]);
  });

  it('when filtering by city and service, then only matching advisers are listed', async () => {
    const { t, region, adminAuth } = await setup();
    const a = makeAdviser(t.db, region.cities.espoo, { skills: [region.services.phone] });
    makeAdviser(t.db, region.cities.espoo, { skills: [region.services.email] });
    makeAdviser(t.db, region.cities.vantaa, { skills: [region.services.phone] });
    const res = await request(t.app).get(`/api/v1/advisers?cityId=${region.cities.espoo}&service=phone`).set('Authorization', adminAuth);
    expect(res.body.map((x: { id: number }) => x.id)).toEqual([a]);
  });

  it('when called without a token, then 401', async () => {
    const { t } = await setup();
    expect((await request(t.app).get('/api/v1/advisers')).status).toBe(401);
  });
});

describe('POST /api/v1/advisers', () => {
  const body = (cityId: number) => ({
    name: "O'Brien; DROP TABLE advisers;--",
    email: 'ob@example.test',
    cityId,
    skills: ['phone', 'change_security'],
    languages: ['fi', 'sv', 'de'],
    maxHoursPerWeek: 20,
  });

  it('when an admin posts a valid adviser, then 201 with the object, SQL metacharacters verbatim', async () => {
    const { t, region, adminAuth } = await setup();
    const res = await request(t.app).post('/api/v1/advisers').set('Authorization', adminAuth).send(body(region.cities.vantaa));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      ...body(region.cities.vantaa),
      skills: ['change_security', 'phone'],
      languages: ['de', 'fi', 'sv'],
      active: true,
      version: 1,
    });
    const again = await request(t.app).get(`/api/v1/advisers/${res.body.id}`).set('Authorization', adminAuth);
    expect(again.body.name).toBe("O'Brien; DROP TABLE advisers;--");
  });

  it('when a script tag is in the name, then the JSON returns it verbatim', async () => {
    const { t, region, adminAuth } = await setup();
    const res = await request(t.app)
      .post('/api/v1/advisers')
      .set('Authorization', adminAuth)
      .send({ ...body(region.cities.espoo), name: '<script>alert(1)</script>' });
    expect(res.status).toBe(201);
    const list = await request(t.app).get('/api/v1/advisers').set('Authorization', adminAuth);
    expect(list.body[0].name).toBe('<script>alert(1)</script>');
  });

  it('when skills contain unknown codes, then 400 naming them and nothing is written', async () => {
    const { t, region, adminAuth } = await setup();
    const res = await request(t.app)
      .post('/api/v1/advisers')
      .set('Authorization', adminAuth)
      .send({ ...body(region.cities.espoo), skills: ['phone', 'juggling'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'skills', message: expect.stringContaining('juggling') })]);
    expect(count(t)).toBe(0);
  });

  it.each([
    ['hours 0', { maxHoursPerWeek: 0 }, 'maxHoursPerWeek'],
    ['hours 60.5', { maxHoursPerWeek: 60.5 }, 'maxHoursPerWeek'],
    ['a bad email', { email: 'not-an-email' }, 'email'],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name'],
    ['a missing name', { name: undefined }, 'name'],
    ['an unknown city', { cityId: 99999 }, 'cityId'],
    ['a three-letter language', { languages: ['fin'] }, 'languages'],
    ['a weekday both desired and undesired', { desired: [1, 2], undesired: [2] }, 'undesired'],
    ['active from after active to', { activeFrom: '2027-05-01', activeTo: '2027-04-01' }, 'activeTo'],
  ])('when the body has %s, then 400 with that field and nothing is written', async (_label, change, field) => {
    const { t, region, adminAuth } = await setup();
    const res = await request(t.app)
      .post('/api/v1/advisers')
      .set('Authorization', adminAuth)
      .send({ ...body(region.cities.espoo), ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(count(t)).toBe(0);
  });

  it('when the Espoo supervisor creates an Espoo adviser, then 201; a Vantaa adviser, then 403 and nothing written', async () => {
    const { t, region, espooAuth } = await setup();
    expect((await request(t.app).post('/api/v1/advisers').set('Authorization', espooAuth).send(body(region.cities.espoo))).status).toBe(201);
    const other = await request(t.app).post('/api/v1/advisers').set('Authorization', espooAuth).send(body(region.cities.vantaa));
    expect(other.status).toBe(403);
    expect(count(t)).toBe(1);
  });

  it('when an adviser-role token posts, then 403', async () => {
    const { t, region, token } = await setup();
    const own = makeAdviser(t.db, region.cities.espoo);
    const user = await makeUser(t, 'adviser', { adviserId: own });
    const res = await request(t.app).post('/api/v1/advisers').set('Authorization', token(user.id)).send(body(region.cities.espoo));
    expect(res.status).toBe(403);
    expect(count(t)).toBe(1);
  });
});

describe('PATCH /api/v1/advisers/:id', () => {
  it('when patching with the current version in the body, then 200 with version + 1 and other fields kept', async () => {
    const { t, region, adminAuth } = await setup();
    const id = makeAdviser(t.db, region.cities.espoo, { name: 'Before', skills: [region.services.phone], languages: ['fi', 'sv'] });
    const res = await request(t.app).patch(`/api/v1/advisers/${id}`).set('Authorization', adminAuth).send({ name: 'After', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, name: 'After', skills: ['phone'], languages: ['fi', 'sv'], version: 2 });
  });

  it('when patching with If-Match, then it is used as the version', async () => {
    const { t, region, adminAuth } = await setup();
    const id = makeAdviser(t.db, region.cities.espoo);
    const res = await request(t.app)
      .patch(`/api/v1/advisers/${id}`)
      .set('Authorization', adminAuth)
      .set('If-Match', '"1"')
      .send({ skills: ['email'] });
    expect(res.status).toBe(200);
    expect(res.body.skills).toEqual(['email']);
    expect(res.body.version).toBe(2);
  });

  it('when the version is stale, then 409 stale_version and nothing changes', async () => {
    const { t, region, adminAuth } = await setup();
    const id = makeAdviser(t.db, region.cities.espoo, { name: 'Kept', skills: [region.services.phone] });
    await request(t.app).patch(`/api/v1/advisers/${id}`).set('Authorization', adminAuth).send({ maxHoursPerWeek: 10, version: 1 });
    const res = await request(t.app).patch(`/api/v1/advisers/${id}`).set('Authorization', adminAuth).send({ name: 'Lost', skills: [], version: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stale_version');
    const now = await request(t.app).get(`/api/v1/advisers/${id}`).set('Authorization', adminAuth);
    expect(now.body).toMatchObject({ name: 'Kept', skills: ['phone'], maxHoursPerWeek: 10, version: 2 });
  });

  it('when no version is sent, then 400', async () => {
    const { t, region, adminAuth } = await setup();
    const id = makeAdviser(t.db, region.cities.espoo);
    expect((await request(t.app).patch(`/api/v1/advisers/${id}`).set('Authorization', adminAuth).send({ name: 'x' })).status).toBe(400);
  });

  it('when the adviser does not exist, then 404', async () => {
    const { t, adminAuth } = await setup();
    expect((await request(t.app).patch('/api/v1/advisers/4242').set('Authorization', adminAuth).send({ name: 'x', version: 1 })).status).toBe(404);
  });

  it('when the Espoo supervisor patches a Vantaa adviser or moves an Espoo one to Vantaa, then 403 and nothing changes', async () => {
    const { t, region, espooAuth, adminAuth } = await setup();
    const vantaa = makeAdviser(t.db, region.cities.vantaa, { name: 'V' });
    const espoo = makeAdviser(t.db, region.cities.espoo, { name: 'E' });
    expect((await request(t.app).patch(`/api/v1/advisers/${vantaa}`).set('Authorization', espooAuth).send({ name: 'x', version: 1 })).status).toBe(403);
    expect(
      (await request(t.app).patch(`/api/v1/advisers/${espoo}`).set('Authorization', espooAuth).send({ cityId: region.cities.vantaa, version: 1 })).status,
    ).toBe(403);
    const list = await request(t.app).get('/api/v1/advisers').set('Authorization', adminAuth);
    expect(list.body.map((a: { name: string; cityId: number; version: number }) => [a.name, a.cityId, a.version])).toEqual([
      ['E', region.cities.espoo, 1],
      ['V', region.cities.vantaa, 1],
    ]);
  });

  it('when an admin moves an adviser to another city, then it moves', async () => {
    const { t, region, adminAuth } = await setup();
    const id = makeAdviser(t.db, region.cities.espoo);
    const res = await request(t.app).patch(`/api/v1/advisers/${id}`).set('Authorization', adminAuth).send({ cityId: region.cities.vantaa, version: 1 });
    expect(res.status).toBe(200);
    expect(res.body.cityId).toBe(region.cities.vantaa);
  });
});
