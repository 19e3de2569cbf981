// The baseline for run.mjs: the cheapest possible node:http server answering the same body
// as GET /api/v1/health/live, with the same content-type Fastify sends. Runs in its own
// process so it gets one event loop, like the api.

import http from 'node:http';

const body = Buffer.from(JSON.stringify({ status: 'ok' }));
const port = Number(process.env.PORT);

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`raw node:http listening on ${port}\n`));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
