import { mkdtempSync, openSync, closeSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { LineWriter } from './line-writer';
import { attachRequestLogging, requestIdFor } from './logging.module';

/** A fresh id: this process's 12-hex-digit tag and a sequence number. */
const FRESH_ID = /^[0-9a-f]{12}-[1-9][0-9]*$/;

describe('request logging', () => {
  it('writes one JSON line per request with id, status and a level by status', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const fastify = Fastify({ genReqId: (req) => requestIdFor(req) });
    attachRequestLogging(fastify, {
      levelValue: 30,
      writeLine(line) {
        expect(line.endsWith('}\n')).toBe(true);
        lines.push(JSON.parse(line));
      },
    });
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
    expect(lines[1]['reqId']).toMatch(FRESH_ID);
    expect(Object.keys(lines[0])).toEqual(['level', 'time', 'pid', 'reqId', 'method', 'url', 'status', 'ms', 'msg']);
    expect(lines[0]).toMatchObject({ pid: process.pid, method: 'GET', msg: 'request completed' });
    expect(typeof lines[0]['time']).toBe('number');
    expect(typeof lines[0]['ms']).toBe('number');
  });

  it('escapes what a URL can carry into the line and skips levels below the threshold', async () => {
    const lines: string[] = [];
    const ascii: boolean[] = [];
    const fastify = Fastify();
    attachRequestLogging(fastify, {
      levelValue: 40,
      writeLine: (line, isAscii = false) => {
        lines.push(line);
        ascii.push(isAscii);
        // What the writer relies on when told a line is ASCII.
        if (isAscii) expect([...line].every((c) => c.charCodeAt(0) < 128)).toBe(true);
      },
    });
    fastify.get('/*', async () => ({ ok: true }));
    await fastify.inject({ url: '/fine' });
    await fastify.inject({ method: 'PUT', url: '/bài-học/1' });
    await fastify.inject({ method: 'POST', url: '/q?x="quoted"\\back' });
    await fastify.close();
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 40, method: 'PUT', status: 404 });
    expect(JSON.parse(lines[1])).toMatchObject({ level: 40, method: 'POST', url: '/q?x=%22quoted%22\\back', status: 404 });
    // Quotes and backslashes go through JSON escaping, and such a line is not handed over as ASCII.
    expect(ascii).toEqual([true, false]);
  });

  it('echoes the request id to a caller that sent one, with or without request lines', async () => {
    for (const sink of [null, { levelValue: 30, writeLine: () => undefined }]) {
      const fastify = Fastify({ genReqId: (req) => requestIdFor(req) });
      attachRequestLogging(fastify, sink);
      fastify.get('/ok', async () => ({ ok: true }));
      expect((await fastify.inject({ url: '/ok', headers: { 'x-request-id': 'abc-123' } })).headers['x-request-id']).toBe('abc-123');
      expect((await fastify.inject({ url: '/ok' })).headers['x-request-id']).toBeUndefined();
      await fastify.close();
    }
  });

  it('times a request from its arrival and gives every request its own id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const fastify = Fastify({ genReqId: (req) => requestIdFor(req) });
    attachRequestLogging(fastify, { levelValue: 30, writeLine: (line) => void lines.push(JSON.parse(line)) });
    fastify.get('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return { ok: true };
    });
    await Promise.all([fastify.inject({ url: '/slow' }), fastify.inject({ url: '/slow' })]);
    await fastify.close();
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line['ms']).toBeGreaterThanOrEqual(39);
    expect(lines[0]['reqId']).not.toEqual(lines[1]['reqId']);
  });

  it('on a real server, times requests from their arrival and answers over the network', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const fastify = Fastify({ genReqId: (req) => requestIdFor(req) });
    attachRequestLogging(fastify, { levelValue: 30, writeLine: (line) => void lines.push(JSON.parse(line)) });
    fastify.get('/slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return { ok: true };
    });
    const address = await fastify.listen({ host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(`${address}/slow`);
      expect(await response.json()).toEqual({ ok: true });
    } finally {
      await fastify.close();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]['ms']).toBeGreaterThanOrEqual(39);
    expect(lines[0]['reqId']).toMatch(FRESH_ID);
  });

  it('ignores request ids that could inject into logs or headers', () => {
    const req = (id: string) => ({ headers: { 'x-request-id': id } }) as never;
    expect(requestIdFor(req('ok.id-1:2'))).toBe('ok.id-1:2');
    expect(requestIdFor(req('bad id\nwith newline'))).toMatch(FRESH_ID);
    expect(requestIdFor(req('x'.repeat(200)))).toMatch(FRESH_ID);
  });
});

describe('LineWriter', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'line-writer-')), 'out.log');

  it('keeps lines in memory until flushed, then writes them whole and in order, pino lines included', () => {
    const path = file();
    const fd = openSync(path, 'w');
    const writer = new LineWriter(fd);
    const log = pino({ level: 'info', base: null }, writer);
    writer.write('{"n":1}\n');
    log.info({ n: 2 }, 'two');
    writer.write('{"n":3}\n');
    expect(readFileSync(path, 'utf8')).toBe('');
    writer.flushSync();
    closeSync(fd);
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l).n)).toEqual([1, 2, 3]);
  });

  it('writes by itself once 64 KiB are gathered and after 100 ms when traffic is light', async () => {
    const path = file();
    const fd = openSync(path, 'w');
    const writer = new LineWriter(fd);
    const line = `${JSON.stringify({ pad: 'x'.repeat(1000) })}\n`;
    for (let i = 0; i < 70; i++) writer.write(line);
    const afterSize = readFileSync(path, 'utf8');
    expect(afterSize.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(afterSize.length % line.length).toBe(0);
    writer.write('{"last":true}\n');
    await new Promise((resolve) => setTimeout(resolve, 250));
    closeSync(fd);
    expect(readFileSync(path, 'utf8').endsWith('{"last":true}\n')).toBe(true);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(71);
  });

  it('copies ASCII lines byte for byte between UTF-8 ones, in order', () => {
    const path = file();
    const fd = openSync(path, 'w');
    const writer = new LineWriter(fd);
    writer.writeAscii('{"n":1}\n');
    writer.write('{"msg":"Bồi dưỡng"}\n');
    writer.writeAscii('{"n":3}\n');
    writer.flushSync();
    closeSync(fd);
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n{"msg":"Bồi dưỡng"}\n{"n":3}\n');
  });

  it('keeps Vietnamese text intact and writes a line longer than its buffer whole, after what came before', () => {
    const path = file();
    const fd = openSync(path, 'w');
    const writer = new LineWriter(fd);
    writer.write('{"msg":"Đoàn TNCS Hồ Chí Minh"}\n');
    const huge = `${JSON.stringify({ msg: 'ệ'.repeat(60_000) })}\n`;
    writer.write(huge);
    writer.write('{"n":3}\n');
    writer.flushSync();
    closeSync(fd);
    const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(lines.map((l) => (typeof l.msg === 'string' ? l.msg.length : l.n))).toEqual([21, 60_000, 3]);
    expect(lines[0].msg).toBe('Đoàn TNCS Hồ Chí Minh');
  });
});
