import 'reflect-metadata';
import { AppLogger, checkDependenciesOrExit, EXIT, loadEnvironmentOrExit } from '@boiduong/api-core';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app/worker.module';

/** The worker: a Nest application context (no HTTP) running the BullMQ processors. */
async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(process.env);
  await checkDependenciesOrExit(env);
  const app = await NestFactory.createApplicationContext(WorkerModule.register(env), { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('worker started\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.failed);
});
