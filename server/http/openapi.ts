/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 description of the public poll API, made by
 * `@fastify/swagger` from the route schemas (http/schemas.ts), so it cannot drift from what
 * the server checks. Register before the routes: the plugin collects them as they are added.
 */
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

/** The version of the API contract (not of the server): changes only when the API does. */
const API_VERSION = '1.0.0';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'egov-widgets poll API',
        version: API_VERSION,
        description:
          'The API behind <egov-poll>. Errors are JSON {error, message}; clients act on the status and `error`. ' +
          'Any portal back end may implement it (docs/api.md).',
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
