/**
 * The editors' page: `/admin/` (server/admin/index.html) and its script `/admin/egov-admin.js`
 * (built to dist/admin/). Served with the same strict Content-Security-Policy as the demo
 * pages (security-headers.ts). Read at each request, so a build made while the server runs
 * is served at once; a missing file is said in words, not an empty page.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const ADMIN_SCRIPT = 'egov-admin.js';

/** Not part of the OpenAPI description of the poll API. */
const HIDDEN = { schema: { hide: true } };

/** Registers the page; a warning for the start when a file of it is not there (the page is then a 503). */
export function registerAdminPage(app: FastifyInstance, folders: { adminDir: string; distDir: string }): string | undefined {
  app.get('/admin', HIDDEN, (_request, reply) => reply.redirect('/admin/', 301));
  app.get('/admin/', HIDDEN, (_request, reply) =>
    sendFile(
      reply,
      path.join(folders.adminDir, 'index.html'),
      'text/html; charset=utf-8',
      'Trang quản lý bình chọn chưa được cài đặt (thiếu server/admin/index.html). / The poll management page is not installed (server/admin/index.html is missing).',
    ),
  );
  const scriptDir = path.join(folders.distDir, 'admin');
  app.get(`/admin/${ADMIN_SCRIPT}`, HIDDEN, (_request, reply) => {
    if (!existsSync(path.join(scriptDir, ADMIN_SCRIPT))) {
      return unavailable(reply, 'Trang quản lý bình chọn chưa được biên dịch: hãy chạy npm run build. / The poll management page is not built yet: run npm run build.');
    }
    // By @fastify/static (static.ts registers it for dist/), so compressed as the browser accepts
    // from the copies the build writes beside it; revalidated each time, like the page.
    return reply.header('Cache-Control', 'no-cache').sendFile(ADMIN_SCRIPT, scriptDir, { cacheControl: false });
  });
  const missing = [path.join(folders.adminDir, 'index.html'), path.join(folders.distDir, 'admin', ADMIN_SCRIPT)].filter((file) => !existsSync(file));
  return missing.length ? `the editors' page /admin/ answers 503: ${missing.join(' and ')} missing (copy server/admin/, run npm run build).` : undefined;
}

async function sendFile(reply: FastifyReply, file: string, type: string, missing: string): Promise<FastifyReply> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    return unavailable(reply, missing);
  }
  // Revalidated each time: the page and its script change together with each build.
  return reply.code(200).header('Content-Type', type).header('Cache-Control', 'no-cache').send(content);
}

/** A file of the page missing: said in words, to try again once it is installed or built. */
function unavailable(reply: FastifyReply, missing: string): FastifyReply {
  return reply.code(503).header('Content-Type', 'text/plain; charset=utf-8').header('Retry-After', '60').send(`${missing}\n`);
}
