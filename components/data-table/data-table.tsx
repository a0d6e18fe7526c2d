"use client";

import { flexRender, type Table } from "@tanstack/react-table";

/** The generic TanStack table shell: header groups and rows of an already configured table instance. */
export function DataTable<T>({ table, label, rowTestId }: { table: Table<T>; label: string; rowTestId?: (row: T) => string }) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        {table.getHeaderGroups().map((hg) => (
          <tr key={hg.id}>
            {hg.headers.map((h) => (
              <th key={h.id}>{h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}</th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((r) => (
          <tr key={r.id} data-testid={rowTestId?.(r.original)}>
            {r.getVisibleCells().map((c) => (
              <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
