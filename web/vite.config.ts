import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/** Paths the staff app never answers (the ledger's own routes): the service worker leaves them to the network. */
const NOT_THE_APP = /^\/(v1|docs|docs-json|health|metrics|setup|cong-khai)(\/|$)/;

// The staff app is served by the ledger at `/`; its API is on the same origin, so no proxy
// or base URL is configured. Screens are split per role so the first load stays small.
// It installs as a progressive web app: every built file is kept by the service worker, so a
// screen once visited opens with no network, and the reads it showed are kept to show again.
// The public site (/cong-khai/:fundId) is a second page with its own small entry, plain DOM
// without React, so a donor on a cheap phone loads only what it needs; it registers no service worker.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null,
      manifest: {
        name: 'Sổ quỹ Chữ thập đỏ',
        short_name: 'Sổ quỹ CTĐ',
        description: 'Sổ quỹ hoạt động Hội Chữ thập đỏ: ghi nhận, giải ngân, quyết toán, cả khi không có mạng',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#b3001b',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff2,svg,webmanifest}'],
        // The public site's page is the ledger's to serve fresh, not the staff app's to keep.
        globIgnores: ['cong-khai.html'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [NOT_THE_APP],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // The reads the field screens show (who I am, the funds, the fund, its balance, the
            // releases, a distribution's sheet to tick): always from the ledger when it can be reached, else as last read. Files
            // (reports, receipts) and the other registers are never kept on the device. The function
            // is copied into the service worker as text: it names nothing outside itself.
            urlPattern: ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin
              && /^\/v1\/(me|funds(\/[^/]+(\/(balance|emergency-releases|disbursements\/[^/]+\/distribution))?)?)$/.test(url.pathname),
            handler: 'NetworkFirst',
            options: { cacheName: 'ledger-reads', expiration: { maxEntries: 200, maxAgeSeconds: 7 * 24 * 3600 } },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022',
    rolldownOptions: {
      input: { main: 'index.html', 'cong-khai': 'cong-khai.html' },
      // React is a chunk of its own: a release of the app leaves it unchanged, so a phone that
      // updates keeps it from its cache and downloads only the app's own code again.
      output: { codeSplitting: { groups: [{ name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 }] } },
    },
  },
});
