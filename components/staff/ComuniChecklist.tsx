/** The area's comuni as checkboxes (`name="comuni"`, ISTAT codes, each with the id `pick-<ISTAT>` a map picker links to), in a box that scrolls: a group's or a call's choice from the list. */
export function ComuniChecklist({ legend, comuni }: { legend: string; comuni: ReadonlyArray<{ istatCode: string; name: string }> }) {
  return (
    <fieldset className="mt-1 ml-6 max-h-64 overflow-y-auto rounded border border-stone-300 p-2">
      <legend className="sr-only">{legend}</legend>
      <ul className="grid gap-1 sm:grid-cols-3">
        {comuni.map((c) => (
          <li key={c.istatCode}>
            <label className="flex items-center gap-2">
              <input type="checkbox" id={`pick-${c.istatCode}`} name="comuni" value={c.istatCode} /> {c.name}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
