import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationTable, withConfigurationTable } from './documentation';
import { CONFIG_VARIABLES } from './index';

describe("the README's configuration table", () => {
  it('is the one generated from the schema (run `npm run config:table` after changing a setting)', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    expect(withConfigurationTable(readme)).toBe(readme);
  });

  it('has one row for every variable the configuration reads', () => {
    const rows = configurationTable()
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => /^\| `([A-Z0-9_]+)`/.exec(row)![1]).sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
