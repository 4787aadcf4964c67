/// <reference types="vitest/config" />
import { defineConfig, type Connect, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const API_TARGET = 'http://127.0.0.1:8000';

// Mirrors the gateway: /report, /report/* and /track are served by report.html, everything else by index.html.
const reportRoute: Connect.NextHandleFunction = (req, _res, next) => {
  if (req.url && /^\/(report(\/|\?|$)|track(\?|$))/.test(req.url)) req.url = '/report.html';
  next();
};

const reportRoutePlugin: Plugin = {
  name: 'report-route',
  configureServer: (server) => void server.middlewares.use(reportRoute),
  configurePreviewServer: (server) => void server.middlewares.use(reportRoute),
};

export default defineConfig({
  base: '/',
  plugins: [react(), reportRoutePlugin],
  build: {
    // dist/.vite/manifest.json: scripts/check-bundle.mjs walks each entry's static imports to size its first screen.
    manifest: true,
    // The largest chunk is antd's core plus the shell that every staff page shares (~620 kB, ~195 kB gzip), then
    // ECharts (~575 kB): larger means something new got bundled into every screen.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        report: fileURLToPath(new URL('./report.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          // React is the only code the public report page shares with the staff app: its own chunk, cached across
          // releases. antd has no group on purpose: one antd chunk put every component (~370 kB gzip) on every
          // first screen; split by importer, a page loads the components it renders (scripts/check-bundle.mjs).
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // ECharts is only imported lazily (src/indicators/charts.tsx, src/pages/cockpit/charts.tsx): its own
            // chunk, fetched once a chart is drawn, never by the login page, the ledger or the /report entry.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': API_TARGET,
      '/.well-known': API_TARGET,
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    // Page tests render whole antd screens in jsdom; on a loaded 2-core CI machine 5 s is too tight.
    testTimeout: 20_000,
  },
});
