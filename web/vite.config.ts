import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The staff app is served by the ledger at `/`; its API is on the same origin, so no proxy
// or base URL is configured. Screens are split per role so the first load stays small.
// The public site (/cong-khai/:fundId) is a second page with its own small entry, plain DOM
// without React, so a donor on a cheap phone loads only what it needs.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022',
    rollupOptions: { input: { main: 'index.html', 'cong-khai': 'cong-khai.html' } },
  },
});
