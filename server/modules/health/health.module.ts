// Liveness and readiness (/healthz, /readyz).
import type { Module, ModuleContext } from '../../core/module.js';
import { healthRoutes } from './health.routes.js';

export function createHealthModule(ctx: ModuleContext): Module<Record<string, never>> {
  return { service: {}, routes: (app) => healthRoutes(app, ctx.db) };
}
