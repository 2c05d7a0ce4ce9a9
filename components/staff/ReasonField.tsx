'use client';

import { useId, useRef } from 'react';

/**
 * The reason a moderator writes for the mayor, with the staff's templates to
 * start from: choosing one and pressing the button puts its text in the box,
 * where it can still be edited (choosing alone does nothing, so moving through
 * the list with the keyboard never overwrites what was written).
 */
export function ReasonField({
  idPrefix,
  templates,
  labels,
  kindLabels,
  required,
}: {
  idPrefix: string;
  templates: Array<{ id: number; kind: string; title: string; text: string }>;
  labels: { reason: string; template: string; none: string; use: string };
  kindLabels: Record<string, string>;
  required?: boolean;
}) {
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  const text = useRef<HTMLTextAreaElement>(null);
  function applyTemplate() {
    const chosen = templates.find((tpl) => String(tpl.id) === select.current?.value);
    if (chosen && text.current) {
      text.current.value = chosen.text;
      text.current.focus();
    }
  }
  return (
    <div className="mt-3 space-y-2">
      {templates.length ? (
        <div className="flex flex-wrap items-end gap-2">
          <label htmlFor={`${id}-tpl`} className="block">
            {labels.template}
            <select
              id={`${id}-tpl`}
              ref={select}
              className="mt-1 block rounded border border-stone-500 bg-white px-2 py-1"
              data-testid={`${idPrefix}-template`}
            >
              <option value="">{labels.none}</option>
              {[...new Set(templates.map((tpl) => tpl.kind))].map((kind) => (
                <optgroup key={kind} label={kindLabels[kind] ?? kind}>
                  {templates
                    .filter((tpl) => tpl.kind === kind)
                    .map((tpl) => (
                      <option key={tpl.id} value={tpl.id}>
                        {tpl.title}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <button type="button" onClick={applyTemplate} className="rounded border-2 border-primary px-3 py-1 font-semibold text-primary-dark">
            {labels.use}
          </button>
        </div>
      ) : null}
      <label htmlFor={`${id}-reason`} className="block">
        {labels.reason}
      </label>
      <textarea
        id={`${id}-reason`}
        ref={text}
        name="reason"
        rows={4}
        maxLength={2000}
        required={required}
        className="block w-full rounded border border-stone-500 bg-white px-2 py-1"
      />
    </div>
  );
}
