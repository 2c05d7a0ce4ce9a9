'use client';

/**
 * Switches language and comes back to the same page. The current address is
 * added when clicked; without JavaScript the server falls back to Referer.
 */
export function LanguageLink({ to, label, ariaLabel }: { to: string; label: string; ariaLabel: string }) {
  return (
    <a
      href={`/lingua/${to}`}
      lang={to}
      hrefLang={to}
      aria-label={ariaLabel}
      rel="nofollow"
      onClick={(event) => {
        event.currentTarget.href = `/lingua/${to}?da=${encodeURIComponent(window.location.pathname + window.location.search)}`;
      }}
    >
      {label}
    </a>
  );
}
