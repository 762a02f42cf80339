/**
 * `GET /api/articles/:id`: the demo articles, one `<id>.json` file each.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { missingFolderWarning } from '../config.js';
import { ApiError } from '../errors.js';

/** Letters, digits and dashes only: no dot or slash can reach the file system. */
const ARTICLE_ID = /^[a-z0-9-]{1,100}$/;

/** Errors of a file that is simply not there (or a folder where a file was expected). */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * Registers the route; a warning for the start when a folder named in EGOV_ARTICLES (`given`) is
 * not there (every article a 404). The demo's own folder may be left out of an install: no warning.
 */
export function registerArticleRoutes(app: FastifyInstance, articlesDir: string, given: boolean): string | undefined {
  // Hidden from the OpenAPI description: the demo's articles are not part of the poll API.
  app.get<{ Params: { id: string } }>('/api/articles/:id', { schema: { hide: true } }, async (request) => {
    const { id } = request.params;
    if (!ARTICLE_ID.test(id)) throw articleNotFound();
    let text: string;
    try {
      text = await readFile(path.join(articlesDir, `${id}.json`), 'utf8');
    } catch (error) {
      if (MISSING.has((error as NodeJS.ErrnoException).code ?? '')) throw articleNotFound();
      throw error;
    }
    // Parsed, not streamed: a broken file is a 500 to fix, not JSON the widget chokes on.
    return JSON.parse(text) as unknown;
  });
  return missingFolderWarning(articlesDir, given, 'EGOV_ARTICLES', '/api/articles/…', 'articles folder');
}

function articleNotFound(): ApiError {
  return new ApiError(404, 'not_found', 'There is no article with this id.');
}
