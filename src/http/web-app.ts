import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Paths the staff app never answers: the API, its documents, the operator's routes, the setup
 * page and the public site. An unknown path under them gets the API's own 404.
 */
const NOT_THE_APP = /^\/(v1|docs|docs-json|health|metrics|setup|cong-khai)(\/|$|\?)/;

/**
 * Files at the app's root that make it installable and usable offline: the service worker (its
 * scope is the folder it is served from, so it must be `/sw.js`), Workbox's runtime, the web app
 * manifest and its icon. Never cached by HTTP: a new build is picked up at the next visit.
 */
const ROOT_FILE = /^\/([\w-]+(?:\.[\w-]+)*\.(js|webmanifest|svg))$/;
const ROOT_FILE_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8', webmanifest: 'application/manifest+json; charset=utf-8', svg: 'image/svg+xml',
};

/** The checkout's root (the folder holding web/package.json), from src/http or dist/src/http. */
export function repositoryRoot(start: string = __dirname): string {
  let folder = start;
  while (!existsSync(join(folder, 'web', 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) return join(start, '..', '..');
    folder = parent;
  }
  return folder;
}

/** The built staff app (web/dist, made by `npm run build`). */
export function webDistFolder(): string {
  return join(repositoryRoot(), 'web', 'dist');
}

const NOT_BUILT_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>ctd-fund-ledger</title></head>
<body><main><h1>Ứng dụng cho cán bộ chưa được dựng</h1><p>Chạy <code>npm run build</code> rồi khởi động lại máy chủ.</p>
<p lang="en">The staff app is not built: run <code>npm run build</code> and start the server again.</p></main></body></html>`;

const PUBLIC_NOT_BUILT_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Công khai tài chính</title></head>
<body><main><h1>Trang công khai chưa được dựng</h1><p>Số liệu công khai vẫn đọc được tại <code>/v1/public/funds/&lt;mã quỹ&gt;</code>.</p></main></body></html>`;

/**
 * Serves the staff app (React, built by Vite into web/dist) at `/`, and the public site at `/cong-khai/:fundId`: hashed files under /assets
 * are cached for a year; every other path outside the API answers index.html, so a screen's
 * address can be reloaded or bookmarked (the app routes in the browser). Registered in its own
 * plugin scope, after the API's routes, whose more specific paths always win.
 */
export function registerWebApp(fastify: FastifyInstance, distFolder: string = webDistFolder()): void {
  const indexFile = join(distFolder, 'index.html');
  const built = existsSync(indexFile);
  void fastify.register(async (scope) => {
    if (built) {
      await scope.register(fastifyStatic, {
        root: join(distFolder, 'assets'), prefix: '/assets/', decorateReply: false, index: false, maxAge: '365d', immutable: true,
      });
    }
    // Read per answer: index.html is small and a rebuild while the server runs is then served at once.
    const sendIndex = (reply: FastifyReply) => {
      const html = built ? readFileSync(indexFile, 'utf8') : NOT_BUILT_HTML;
      return reply.code(built ? 200 : 503).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
    };
    scope.get('/', (_request, reply) => sendIndex(reply));
    // The public transparency site: its own small page (web/cong-khai.html), no sign-in; the page
    // reads the fund's id from its address and asks the public routes (/v1/public/...) itself.
    const publicFile = join(distFolder, 'cong-khai.html');
    const sendPublicPage = (reply: FastifyReply) => {
      const html = existsSync(publicFile) ? readFileSync(publicFile, 'utf8') : undefined;
      return reply.code(html ? 200 : 503).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html ?? PUBLIC_NOT_BUILT_HTML);
    };
    scope.get('/cong-khai/:fundId', (_request, reply) => sendPublicPage(reply));
    // Without a fund's id (an address cut short): the page itself, which says in Vietnamese what the address needs.
    scope.get('/cong-khai', (_request, reply) => sendPublicPage(reply));
    const sendRootFile = (reply: FastifyReply, name: string, extension: string) =>
      reply.code(200).header('cache-control', 'no-cache').type(ROOT_FILE_TYPES[extension]).send(readFileSync(join(distFolder, name)));
    scope.get('/*', (request, reply) => {
      if (NOT_THE_APP.test(request.url)) return reply.callNotFound();
      const rootFile = built ? ROOT_FILE.exec(request.url) : null;
      if (rootFile && existsSync(join(distFolder, rootFile[1]))) return sendRootFile(reply, rootFile[1], rootFile[2]);
      return sendIndex(reply);
    });
  });
}
