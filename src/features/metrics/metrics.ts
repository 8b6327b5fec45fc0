import { existsSync, statSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../../context.js';
import { lastBackupAt } from '../../db/backup.js';
import { redactPath } from '../../http/errors.js';
import { createMetricsRepository } from './repository.js';

/**
 * Process metrics (CPU, memory, event-loop lag) are registered here by
 * server.ts only: collecting them starts a monitor, which createApp must not.
 */
export const processRegistry = new Registry();

export interface AppMetrics {
  registry: Registry;
  /** Counts and times every request by its route pattern (never the raw URL: tokens, ids). */
  observe: RequestHandler;
}

const perContext = new WeakMap<AppContext, AppMetrics>();

/** One registry per app context: test apps in one process do not share counters. */
export function metricsFor(ctx: AppContext): AppMetrics {
  let m = perContext.get(ctx);
  if (!m) {
    m = createMetrics(ctx);
    perContext.set(ctx, m);
  }
  return m;
}

function routeOf(req: Parameters<RequestHandler>[0]): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return pattern;
  if (req.originalUrl.startsWith('/static/')) return '/static';
  return 'unmatched';
}

function createMetrics(ctx: AppContext): AppMetrics {
  const registry = new Registry();
  const repo = createMetricsRepository(ctx.db);
  const requests = new Counter({
    name: 'vuoro_http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'vuoro_http_errors_total',
    help: 'HTTP requests answered with a 5xx status, by route pattern',
    labelNames: ['method', 'route'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'vuoro_http_request_duration_seconds',
    help: 'Time to answer, by route pattern',
    labelNames: ['method', 'route'],
    registers: [registry],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
  });
  new Gauge({
    name: 'vuoro_database_bytes',
    help: 'Size of the SQLite database (pages in use times page size)',
    registers: [registry],
    collect() {
      this.set(repo.databaseBytes());
    },
  });
  new Gauge({
    name: 'vuoro_database_wal_bytes',
    help: 'Size of the write-ahead log not yet checkpointed',
    registers: [registry],
    collect() {
      const wal = `${ctx.config.databasePath}-wal`;
      this.set(ctx.db.name !== ':memory:' && existsSync(wal) ? statSync(wal).size : 0);
    },
  });
  const backupDir = ctx.config.backupDir;
  if (backupDir) {
    new Gauge({
      name: 'vuoro_last_backup_age_seconds',
      help: 'Age of the newest backup in BACKUP_DIR (+Inf when there is none)',
      registers: [registry],
      collect() {
        const at = lastBackupAt(backupDir);
        this.set(at ? Math.max(0, (ctx.clock.now().getTime() - at.getTime()) / 1000) : Infinity);
      },
    });
  }
  new Gauge({
    name: 'vuoro_mail_pending',
    help: 'Notification emails waiting to be sent',
    registers: [registry],
    collect() {
      this.set(repo.mailPending());
    },
  });
  new Gauge({
    name: 'vuoro_outbox_length',
    help: 'Emails and webhook deliveries waiting in the outbox',
    registers: [registry],
    collect() {
      this.set(repo.outboxLength());
    },
  });
  new Gauge({
    name: 'vuoro_outbox_failed',
    help: 'Outbox messages given up after every retry (an admin can send them again)',
    registers: [registry],
    collect() {
      this.set(repo.outboxFailed());
    },
  });

  const observe: RequestHandler = (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeOf(req);
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      latency.observe({ method: req.method, route }, seconds);
      if (res.statusCode >= 500) errors.inc({ method: req.method, route });
      if (ctx.config.logRequests) {
        ctx.log.info('request', {
          reqId: req.requestId,
          method: req.method,
          path: redactPath(req.originalUrl),
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 1e4) / 10,
        });
      }
    });
    next();
  };
  return { registry, observe };
}
