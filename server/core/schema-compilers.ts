// Route schemas compiled on first use. Fastify compiles every route's validators (Ajv) and
// response serializers (fast-json-stringify) before it listens — most of a second for SafeGrid's
// routes, on every start. A deployment's server compiles each one when its route is first called
// instead; the compilers are the ones Fastify itself uses (resolved through Fastify), so behaviour
// is the same. Tests compile eagerly, so a broken schema fails at start there.
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

type Compiled = ((...args: unknown[]) => unknown) & { errors?: unknown };
type Compile = (route: unknown) => Compiled;
type Factory = (externalSchemas: unknown, options: unknown) => Compile;

const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'));
const validatorFactory = (fromFastify('@fastify/ajv-compiler') as () => Factory)();
const serializerFactory = (fromFastify('@fastify/fast-json-stringify-compiler') as () => Factory)();

function lazily(factory: Factory, withErrors: boolean): Factory {
  return (externalSchemas, options) => {
    const compile = factory(externalSchemas, options);
    return (route) => {
      let fn: Compiled | null = null;
      const run: Compiled = (...args: unknown[]) => {
        fn ??= compile(route);
        const out = fn(...args);
        // Fastify reads a failed validation's details from the function it called.
        if (withErrors) run.errors = fn.errors;
        return out;
      };
      return run;
    };
  };
}

/** For Fastify's `schemaController.compilersFactory`. */
export const lazyCompilers = {
  buildValidator: lazily(validatorFactory, true),
  buildSerializer: lazily(serializerFactory, false),
} as unknown as CompilersFactory;
