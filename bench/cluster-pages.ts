/*
 * The deployment of docs/DEPLOY.md under load: nginx with TLS in front of 2
 * web processes (and 2 idle workers), Debian's PostgreSQL, 10,000 published
 * messages. For the home, comune, theme and message pages, an API page and a
 * search: requests per second and p99 latency through nginx, against nginx
 * serving the same bytes as static files on the same TLS setup in the same
 * run, and their ratio. Goal for the pages the web processes keep (all but
 * the search): at least 50 % of static, p99 under 50 ms at 200
 * connections.
 *
 *   npx tsx bench/cluster-pages.ts [--messages 10000] [--seconds 10] [--connections 200]
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startCluster } from '../scripts/cluster';
import { seedPublishedMessages } from './support/seed-messages';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '200' } },
});
const MESSAGES = Number(values.messages);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

interface Load {
  rps: number;
  p99: number;
  failed: number;
}

async function load(url: string, ca: string): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, tlsOptions: { ca } });
  return { rps: result.requests.average, p99: result.latency.p99, failed: result.errors + result.timeouts + result.non2xx };
}

async function main(): Promise<void> {
  const cluster = await startCluster({ log: (line) => console.log(`[cluster] ${line}`) });
  try {
    // The owner seeds (and analyzes) as a data import would; the web processes read as the application role.
    const seconds = await seedPublishedMessages(cluster.ownerUrl, MESSAGES);
    console.log(`seeded ${MESSAGES} published messages in ${seconds.toFixed(0)} s`);
    const api = (await (await cluster.fetch('/api/v1/videos?limit=1')).json()) as { data: Array<{ id: string }> };
    const pages: Record<string, { path: string; kept: boolean }> = {
      home: { path: '/', kept: true },
      comune: { path: '/comuni/001272-torino', kept: true },
      theme: { path: '/temi/solidarieta', kept: true },
      message: { path: `/messaggi/${api.data[0]!.id}`, kept: true },
      'API page': { path: '/api/v1/videos?limit=20', kept: true },
      search: { path: '/cerca?q=mascherine', kept: false },
    };
    const lines: string[] = [
      `${MESSAGES} published messages; nginx (TLS, HTTP/1.1 keep-alive) → 2 web processes, PostgreSQL ${cluster.postgresVersion}; autocannon ${SECONDS} s × ${CONNECTIONS} connections; ${os.cpus().length} cores, Node ${process.version}`,
      '| page | bytes | portal req/s | portal p99 ms | static req/s | static p99 ms | ratio | goal (kept pages: ≥ 50 %, p99 < 50 ms) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ];
    console.log(lines.join('\n'));
    for (const [name, page] of Object.entries(pages)) {
      const body = Buffer.from(await (await cluster.fetch(page.path)).arrayBuffer());
      const file = `${name.replace(/\W+/g, '-')}.html`;
      await writeFile(path.join(cluster.staticDir, file), body);
      // Alternate the two and keep each one's better run: warm-up and noise do not decide the ratio.
      const runs: Array<{ portal: Load; static: Load }> = [];
      for (let round = 0; round < 2; round++) {
        runs.push({
          portal: await load(`${cluster.url}${page.path}`, cluster.certificate),
          static: await load(`${cluster.staticUrl}/${file}`, cluster.certificate),
        });
      }
      const best = (key: 'portal' | 'static') => runs.map((r) => r[key]).reduce((a, b) => (b.rps > a.rps ? b : a));
      const portal = best('portal');
      const statik = best('static');
      const failed = runs.reduce((n, r) => n + r.portal.failed, 0);
      const ratio = portal.rps / statik.rps;
      const goal = page.kept ? (ratio >= 0.5 && portal.p99 < 50 ? 'met' : 'NOT met') : 'not kept (dynamic)';
      const line = `| ${name} | ${body.length} | ${portal.rps.toFixed(0)} | ${portal.p99} | ${statik.rps.toFixed(0)} | ${statik.p99} | ${(ratio * 100).toFixed(0)} % | ${goal}${failed ? `; ${failed} failed` : ''} |`;
      console.log(line);
      lines.push(line);
    }
  } finally {
    await cluster.stop();
  }
  process.exit(0);
}

void main();
