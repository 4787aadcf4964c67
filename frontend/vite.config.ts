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
    // The antd vendor chunk is ~1.15 MB minified (~355 kB gzip) since the task ledger added DatePicker, Upload,
    // Steps, Timeline, Descriptions, Modal and friends (it was ~840 kB with the shell's components only);
    // TreeSelect (feedback categories) took it to ~1.2 MB; larger means something new got bundled.
    chunkSizeWarningLimit: 1250,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        report: fileURLToPath(new URL('./report.html', import.meta.url)),
      },
      output: {
        codeSplitting: {
          // React is the only code the public report page shares with the staff app; antd and its
          // helpers get their own chunk so they stay cached across app releases.
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+|@babel|@emotion|dayjs)[\\/]/ },
            // ECharts is only imported by the lazily loaded indicator pages (src/indicators/charts.tsx): its own
            // chunk, fetched on the first visit of an indicator or the provincial league table, never by the
            // login page, the ledger or the public /report entry.
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
