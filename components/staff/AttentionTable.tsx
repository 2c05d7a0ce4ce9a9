import type { ReactNode } from 'react';

/* Something on the staff home that needs a person's eye (mail not delivered, videos that cannot be checked): a titled, highlighted table. */
export function AttentionTable({
  id,
  title,
  help,
  headers,
  rows,
}: {
  id: string;
  title: string;
  help: string;
  headers: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
}) {
  return (
    <section aria-labelledby={id} className="rounded border-2 border-amber-700 bg-amber-50 p-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      <p>{help}</p>
      <div className="overflow-x-auto">
        <table className="mt-2 w-full text-left">
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} scope="col" className="p-1">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="border-t border-amber-300">
                {row.cells.map((cell, i) => (
                  <td key={i} className="p-1">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
