/*
 * An e-mail address a citizen types into a form (the accessibility report, the
 * alerts' sign-up): label, hint and the field's own error tied to the input, so
 * a screen reader reads them with it.
 */
export function EmailField({ id, label, hint, value, error }: { id: string; label: string; hint: string; value: string; error?: string }) {
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-sm text-stone-700">
        {hint}
      </p>
      <input
        id={id}
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        maxLength={320}
        defaultValue={value}
        aria-invalid={Boolean(error)}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
        className="mt-1 block w-full rounded border border-stone-500 px-2 py-1.5"
      />
      {error ? (
        <p id={`${id}-error`} className="font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}
