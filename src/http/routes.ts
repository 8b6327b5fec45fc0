import { Router, type RequestHandler } from 'express';
import { requireAccess, type Access } from './guards.js';
import { loopbackOr } from './loopback.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One row of a route table: path, who may call it, and a thin handler. */
export interface RouteDef {
  method: Method;
  path: string;
  access: Access;
  handler: RequestHandler | RequestHandler[];
  /**
   * Mounted before sessions, body parsing and helmet: for capability URLs
   * that need none of them and are polled hard (calendar feeds).
   */
  bare?: boolean;
  /** Also answered to direct callers on this host (see isDirectLoopback), whatever `access` says. */
  loopback?: boolean;
  /**
   * A GET mounted ahead of the full route table with the same read chain
   * (headers, session or token, language, locals): for the load-tested reads.
   */
  fast?: boolean;
}

export function route(method: Method, path: string, access: Access, ...handler: RequestHandler[]): RouteDef {
  return { method, path, access, handler };
}

/** A router of route definitions; `before` runs ahead of each route's guard, only when its path matches. */
export function mountRoutes(defs: readonly RouteDef[], before: readonly RequestHandler[] = []): Router {
  const router = Router();
  for (const def of defs) {
    const handlers = Array.isArray(def.handler) ? def.handler : [def.handler];
    const check = def.access === 'public' ? undefined : requireAccess(def.access);
    const guard = check ? [def.loopback ? loopbackOr(check) : check] : [];
    router[def.method](def.path, ...before, ...guard, ...handlers);
  }
  return router;
}
