import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';

// Packages import each other through the `source` export condition, so tests run against
// sources without a build. Inline projects do not inherit `resolve`, hence `extends: true`.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    reporters: process.env.CI_JSON_REPORT ? ['default', 'json'] : ['default'],
    outputFile: { json: process.env.CI_JSON_REPORT ?? '.vitest-report.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // Spec builders are pure functions: they are tested in Node, not in the browser.
          include: ['packages/{core,region-nmg,server}/**/*.test.ts', 'packages/components/src/specs/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          // Components, plus core code that must also run in a browser (`*.browser.test.ts`).
          include: ['packages/components/**/*.test.ts', 'packages/*/src/**/*.browser.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', 'packages/components/src/specs/**'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
