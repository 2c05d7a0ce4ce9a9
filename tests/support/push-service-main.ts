/*
 * The local push service as a process of its own, as a real one is a machine
 * of its own: its work (checking signatures, decrypting) is not the portal's.
 * Prints its origin, and stops when its parent does (its stdin closes).
 *
 *   tsx tests/support/push-service-main.ts
 */
import { startLocalPushService } from './push-service';

async function main(): Promise<void> {
  const service = await startLocalPushService();
  process.stdout.write(`${service.origin}\n`);
  process.stdin.on('end', () => void service.stop().then(() => process.exit(0)));
  process.stdin.resume();
}

void main();
