import { randomInt } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';

/*
 * A loopback TCP proxy that drops the connection after a random number of bytes
 * from the client, a given number of times: a mobile line that keeps failing.
 * Used by the upload tests and bench/upload-throughput.ts.
 */
export interface CuttingProxy {
  port: number;
  /** How many connections it has cut so far. */
  cuts(): number;
  close(): void;
}

export async function startCuttingProxy(targetPort: number, options: { cuts: number; minBytes: number; maxBytes: number }): Promise<CuttingProxy> {
  let cuts = 0;
  const proxy = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    let budget = randomInt(options.minBytes, options.maxBytes);
    client.on('data', (chunk: Buffer) => {
      budget -= chunk.length;
      if (budget <= 0 && cuts < options.cuts) {
        cuts++;
        client.destroy();
        upstream.destroy();
      } else upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { port: (proxy.address() as AddressInfo).port, cuts: () => cuts, close: () => proxy.close() };
}
