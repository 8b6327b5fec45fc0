import * as highsModule from 'highs';
import type { Highs } from 'highs';

type Loader = () => Promise<Highs>;
// The package is CommonJS with an ES-style default in its types: take whichever the runtime gives.
const loadHighs: Loader = (highsModule as unknown as { default?: Loader }).default ?? (highsModule as unknown as Loader);

/**
 * The HiGHS MIP solver (WebAssembly). Loading is asynchronous and happens
 * once at start-up (server.ts, bench, the tests that want it); the engine is
 * synchronous and uses the solver only if it is loaded, otherwise it keeps
 * its own repair and local search and says so in its result.
 */
let instance: Highs | null = null;
let failure: string | null = null;

export async function loadSolver(): Promise<boolean> {
  if (instance) return true;
  try {
    instance = await loadHighs();
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  }
  return instance !== null;
}

export function solver(): Highs | null {
  return instance;
}

export function solverFailure(): string | null {
  return failure;
}

/**
 * Limits in nodes and iterations, never in time, so that the same input
 * gives the same roster on any machine; one thread, fixed seed.
 */
export const SOLVER_OPTIONS = {
  output_flag: false,
  random_seed: 0,
  mip_max_nodes: 2_000,
  simplex_iteration_limit: 200_000,
  mip_rel_gap: 0,
  presolve: 'on',
} as const;
