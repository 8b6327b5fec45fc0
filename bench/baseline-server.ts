// The bare Express baseline: one route that returns BODY_BYTES of HTML, so the
// real pages can be reported as a fraction of what Express itself manages here.
import express from 'express';

const size = Number(process.env.BODY_BYTES ?? 10_000);
const type = process.env.BODY_TYPE ?? 'text/html; charset=utf-8';
const body = 'x'.repeat(size);
const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/fixed', (_req, res) => {
  res.type(type).send(body);
});
app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
