// Preloaded into the api by `run.mjs --cpu-prof` (node -r, with an IPC channel). The message
// 'cpu-prof:start' starts the V8 CPU profiler; 'cpu-prof:stop' stops it, writes
// <BENCH_CPU_PROF_DIR>/<BENCH_CPU_PROF_NAME>.cpuprofile and answers 'cpu-prof:written'.
// Unlike node --cpu-prof this profiles only the measured window, not start-up, and does not
// depend on how the app exits. (Not a signal: the api's shutdown hooks treat SIGUSR2 as "stop".)
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.BENCH_CPU_PROF_DIR;
const name = process.env.BENCH_CPU_PROF_NAME || `api-${process.pid}`;
if (dir && process.send) {
  const session = new inspector.Session();
  session.connect();
  process.on('message', (message) => {
    if (message === 'cpu-prof:start') {
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 200 }, () => session.post('Profiler.start')),
      );
    } else if (message === 'cpu-prof:stop') {
      session.post('Profiler.stop', (error, result) => {
        const file = path.join(dir, `${name}.cpuprofile`);
        if (error) fs.writeFileSync(`${file}.error`, String(error));
        else fs.writeFileSync(file, JSON.stringify(result.profile));
        process.send('cpu-prof:written');
      });
    }
  });
}
