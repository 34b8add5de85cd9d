import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` proxies /api to a demo server, so the page and the API share an origin (no CORS).
const server = process.env.RUN_COMPARER_SERVER ?? 'http://127.0.0.1:7100';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': server } },
  preview: { proxy: { '/api': server } },
});
