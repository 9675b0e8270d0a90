/**
 * A tiny static file server for the e2e tests: serves `dist/` under a sub-path (default
 * `/go-alloc/`) to prove the build works when hosted below the domain root. Anything outside the
 * sub-path is a 404, as it would be on such a host. Directory URLs serve their index.html.
 */
import { createServer, type Server } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve } from 'node:path'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
}

export async function startStaticServer(opts: { root: string; base: string; port?: number }): Promise<{
  server: Server
  url: string
  close: () => Promise<void>
}> {
  const root = resolve(opts.root)
  const base = opts.base.endsWith('/') ? opts.base : `${opts.base}/`
  const notFound = async (res: import('node:http').ServerResponse) => {
    res.statusCode = 404
    res.setHeader('content-type', types['.html'] as string)
    res.end(await readFile(join(root, '404.html')).catch(() => 'not found'))
  }
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x')
      let path = decodeURIComponent(url.pathname)
      if (path === base.slice(0, -1)) path = base
      if (!path.startsWith(base)) return void (await notFound(res))
      let file = normalize(join(root, path.slice(base.length)))
      if (!file.startsWith(root)) return void (await notFound(res))
      let st = await stat(file).catch(() => null)
      if (st?.isDirectory()) {
        if (!path.endsWith('/')) {
          res.statusCode = 301
          res.setHeader('location', `${path}/${url.search}`)
          return void res.end()
        }
        file = join(file, 'index.html')
        st = await stat(file).catch(() => null)
      }
      if (!st?.isFile()) return void (await notFound(res))
      res.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream')
      res.end(await readFile(file))
    } catch {
      res.statusCode = 500
      res.end('error')
    }
  })
  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  return {
    server,
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }
}
