import { Registry } from 'prom-client';
import type { AppContext } from '../../context.js';
import type { RouteDef } from '../../http/routes.js';
import { metricsFor, processRegistry } from './metrics.js';

/**
 * GET /metrics (Prometheus text): admins (an API token, or a session), and
 * when METRICS_LOOPBACK is on, a scraper on the same host that connects
 * directly rather than through the reverse proxy.
 */
export function metricsRoutes(ctx: AppContext): RouteDef[] {
  const { registry } = metricsFor(ctx);
  return [
    {
      method: 'get',
      path: '/metrics',
      access: ['admin'],
      loopback: ctx.config.metricsLoopback,
      handler: async (_req, res) => {
        const merged = Registry.merge([registry, processRegistry]);
        res
          .set('Cache-Control', 'no-store')
          .type(merged.contentType)
          .send(await merged.metrics());
      },
    },
  ];
}
