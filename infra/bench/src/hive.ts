import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MeasuredProcess } from './proc';

/**
 * Hive Gateway (@graphql-hive/gateway) serving the same supergraph over the
 * same subgraph processes: the peer our gateway is measured against. It gets
 * the supergraph with the subgraph URLs of this run and forwards the caller's
 * token, as ours does. `rustPlanner`: with Hive Router's Rust query planner and
 * executor (@graphql-hive/router-runtime, switched on by the documented
 * HIVE_ROUTER_RUNTIME variable) instead of its default JavaScript runtime.
 */
export function startHive(supergraphSdl: string, urls: Record<string, string>, port: number, rustPlanner = false): MeasuredProcess {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-hive-'));
  let sdl = supergraphSdl;
  for (const [name, url] of Object.entries(urls)) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${url}$2`);
  }
  writeFileSync(path.join(dir, 'supergraph.graphql'), sdl);
  writeFileSync(
    path.join(dir, 'gateway.config.cjs'),
    `module.exports.gatewayConfig = {
  propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }) },
};\n`,
  );
  // The package's own CLI entry (its exports map names no bin subpath).
  const bin = path.join(path.dirname(require.resolve('@graphql-hive/gateway')), 'bin.cjs');
  return MeasuredProcess.start(
    rustPlanner ? 'hive-gateway-rust' : 'hive-gateway',
    process.execPath,
    [bin, 'supergraph', 'supergraph.graphql', '--port', String(port), '--fork', '1'],
    { NODE_ENV: 'production', ...(rustPlanner ? { HIVE_ROUTER_RUNTIME: 'true' } : {}) },
    dir,
  );
}
