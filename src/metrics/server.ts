import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Health {
  gateway: boolean;
  library: boolean;
}

/** What /metrics serves: a prom-client registry, or the sharding manager's merge of its children's (shardMetrics.ts). */
export interface MetricsText {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** GET /healthz (200 or 503, with which part is down) and GET /metrics (Prometheus text). */
export async function startMetricsServer(host: string, port: number, registry: MetricsText, health: () => Health): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      const { gateway, library } = health();
      const ok = gateway && library;
      response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(
        `${JSON.stringify({ status: ok ? 'ok' : 'unavailable', gateway: gateway ? 'connected' : 'disconnected', library: library ? 'loaded' : 'loading' })}\n`,
      );
      return;
    }
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(error as Error).message}\n`),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
