import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toDomainError } from './error-mapping';

/** The single place where errors become HTTP responses `{ code, message, details, requestId }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  /** With the web app's index.html, unknown non-API GETs return it so client-side routes work on reload. */
  constructor(private readonly spaIndexHtml?: string) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const error = toDomainError(exception);
    if (error.status === 404 && this.spaIndexHtml && request.method === 'GET' && !request.url.startsWith('/api')) {
      void reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(this.spaIndexHtml);
      return;
    }
    if (error.status >= 500) {
      this.logger.error({ msg: 'request failed', err: exception, code: error.code, url: request.url, reqId: request.id });
    }
    const retryAfter = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    // The id a support request can quote; successful responses carry it only when the caller sent one (see configureHttpApp).
    void reply.header('x-request-id', String(request.id));
    void reply.status(error.status).send(error.toBody(String(request.id)));
  }
}
