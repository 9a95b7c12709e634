import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server answers on one path. */
export interface Route {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** Full control, for conditional GET, slow bodies and the like. */
  readonly handle?: (request: IncomingMessage, response: ServerResponse) => void;
}

/** A real HTTP server on 127.0.0.1 with swappable routes, for network tests (never a mocked fetch). */
export interface LoopbackServer {
  readonly origin: string;
  url(path: string): string;
  route(path: string, route: Route): void;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    const route = routes.get(path);
    if (!route) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    if (route.handle) return route.handle(request, response);
    response.writeHead(route.status ?? 200, route.headers ?? {}).end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, route) => void routes.set(path, route),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
