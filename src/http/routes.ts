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
}

export function route(method: Method, path: string, access: Access, ...handler: RequestHandler[]): RouteDef {
  return { method, path, access, handler };
}

export function mountRoutes(defs: readonly RouteDef[]): Router {
  const router = Router();
  for (const def of defs) {
    const handlers = Array.isArray(def.handler) ? def.handler : [def.handler];
    const check = def.access === 'public' ? undefined : requireAccess(def.access);
    const guard = check ? [def.loopback ? loopbackOr(check) : check] : [];
    router[def.method](def.path, ...guard, ...handlers);
  }
  return router;
}
