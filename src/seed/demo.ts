import type { AppContext } from '../context.js';

/** Seeds the demo on an empty database; returns a summary, or null when there was data already. */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<string | null> {
  const cities = ctx.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cities').get()?.n ?? 0;
  if (cities > 0) return null;
  return null;
}
