import { afterEach } from 'vitest';
import { stationCsv } from '../../../examples/collectors/station-csv.js';
import { describeCollectorConformance } from './collector-conformance.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js';

// The example in docs/collectors.md passes the same suite as emwatch's own adapters.
const HEADER = 'station,name,lat,lon,time,level_m,warning_m';
const BATCHES = {
  first: [
    HEADER,
    '10410300,扎兰屯,48.01,122.74,2025-07-21 14:00,198.62,198.10',
    '10410500,碾子山,47.52,122.88,2025-07-21 14:00,181.02,182.00',
  ],
  second: [
    HEADER,
    '10410300,扎兰屯,48.01,122.74,2025-07-21 14:00,198.62,198.10',
    '10410300,扎兰屯,48.01,122.74,2025-07-21 16:00,199.05,198.10',
  ],
  broken: [HEADER, '10410300,扎兰屯,48.01,122.74,昨天,高,198.10'],
};

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describeCollectorConformance('example station-csv', async () => {
  server = await startLoopbackServer();
  const current = server;
  return {
    collector: stationCsv({ id: 'hlbe-hydrology', url: current.url('/levels.csv'), allowPrivate: true }),
    publish: async (batch) =>
      current.route('/levels.csv', {
        headers: { 'content-type': 'text/csv; charset=utf-8' },
        body: BATCHES[batch].join('\n'),
      }),
  };
});
