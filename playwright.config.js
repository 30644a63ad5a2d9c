// @ts-check
// End-to-end journeys against the release build, served under a sub-path
// (http://127.0.0.1:8765/trellis/) to prove relative URLs work from any folder.
// Chromium comes from Debian (/usr/bin/chromium); Playwright never downloads a browser.
const { defineConfig } = require('@playwright/test');

const PORT = Number(process.env.TRELLIS_E2E_PORT || 8765);

module.exports = defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/trellis/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-gpu',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: {
    // The test script copies dist/ into target/e2e-site/trellis/ before running.
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory target/e2e-site`,
    url: `http://127.0.0.1:${PORT}/trellis/index.html`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'ignore',
    timeout: 30_000,
  },
});
