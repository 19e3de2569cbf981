import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { attachRequestLogging, requestIdFor } from './logging.module';

describe('request logging', () => {
  it('writes one JSON line per request with id, status and a level by status', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const fastify = Fastify({ genReqId: (req) => requestIdFor(req) });
    attachRequestLogging(fastify, { pino: pino({ level: 'info' }, sink) });
    fastify.get('/ok', async () => ({ ok: true }));
    fastify.get('/boom', async () => {
      throw new Error('boom');
    });
    await fastify.inject({ url: '/ok', headers: { 'x-request-id': 'abc-123' } });
    await fastify.inject({ url: '/missing' });
    await fastify.inject({ url: '/boom' });
    await fastify.close();
    expect(lines.map((l) => [l['reqId'] === 'abc-123' ? 'given' : 'fresh', l['url'], l['status'], l['level']])).toEqual([
      ['given', '/ok', 200, 30],
      ['fresh', '/missing', 404, 40],
      ['fresh', '/boom', 500, 50],
    ]);
    expect(lines[1]['reqId']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ignores request ids that could inject into logs or headers', () => {
    const req = (id: string) => ({ headers: { 'x-request-id': id } }) as never;
    expect(requestIdFor(req('ok.id-1:2'))).toBe('ok.id-1:2');
    expect(requestIdFor(req('bad id\nwith newline'))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(req('x'.repeat(200)))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
