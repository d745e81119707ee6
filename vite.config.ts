import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer as a plain web build, served by the local web host (npm run web, segwb serve) and e2e tests.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
