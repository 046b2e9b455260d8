import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The staff app is served by the ledger at `/`; its API is on the same origin, so no proxy
// or base URL is configured. Screens are split per role so the first load stays small.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
});
