/*
 * Writes the README's configuration table from the configuration's schema
 * (lib/config/documentation.ts). A unit test fails when the README differs.
 *   npm run config:table
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withConfigurationTable } from '../lib/config/documentation';

const readme = readFileSync('README.md', 'utf8');
const updated = withConfigurationTable(readme);
if (updated === null) {
  console.error('README.md has no configuration table markers');
  process.exit(1);
}
writeFileSync('README.md', updated);
console.log(updated === readme ? 'README.md: the configuration table was up to date' : 'README.md: configuration table written');
