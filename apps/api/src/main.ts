import 'reflect-metadata';
import {
  checkDependenciesOrExit,
  configureHttpApp,
  createFastifyAdapter,
  AppConfig,
  EXIT,
  loadEnvironmentOrExit,
  runMigrations,
  revertLastMigration,
} from '@boiduong/api-core';
import { CatalogDemoData, FileStorageUnreachable } from '@boiduong/api-catalog';
import { verifyCertificateCli } from '@boiduong/api-certification';
import { BootstrapService } from '@boiduong/api-identity';
import { BankImportService } from '@boiduong/api-question-bank';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app/app.module';

const LISTEN_BACKLOG = 4096;

/**
 * `node main.js [serve|migrate|migrate:revert|bootstrap|import-bank|verify-certificate]`: one
 * bundle, so deployments run migrations and the first-admin/demo bootstrap with exactly the code
 * they serve, and an auditor checks certificates with the code that issued them.
 */
async function main(command = 'serve'): Promise<void> {
  const env = loadEnvironmentOrExit(process.env);
  if (command === 'verify-certificate') {
    // Works without the platform (a PDF or credential and a public-key file): no Redis, and the
    // database only when it is reachable and no key file was given.
    process.exitCode = await verifyCertificateCli(process.argv.slice(3), env, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
    return;
  }
  await checkDependenciesOrExit(env);
  switch (command) {
    case 'migrate': {
      const applied = await runMigrations(env.DATABASE_URL);
      process.stdout.write(applied.length ? `Applied migrations: ${applied.join(', ')}\n` : 'Database schema is up to date.\n');
      return;
    }
    case 'migrate:revert':
      await revertLastMigration(env.DATABASE_URL);
      return;
    case 'bootstrap': {
      const app = await NestFactory.createApplicationContext(AppModule.register(env), { bufferLogs: true });
      const result = await app.get(BootstrapService).run();
      await app.get(CatalogDemoData).run();
      process.stdout.write(`Bootstrap: ${JSON.stringify(result)}\n`);
      await app.close();
      return;
    }
    case 'import-bank': {
      // `node main.js import-bank <folder>`: loads question-bank/ idempotently (content hashes).
      const app = await NestFactory.createApplicationContext(AppModule.register(env), { bufferLogs: true });
      const report = await app.get(BankImportService).importFolder(process.argv[3] ?? 'question-bank');
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      await app.close();
      if (report.errors.length) process.exitCode = EXIT.failed;
      return;
    }
    case 'serve':
      break;
    default:
      process.stderr.write(`Unknown command "${command}". Use serve, migrate, migrate:revert, bootstrap, import-bank or verify-certificate.\n`);
      process.exit(EXIT.config);
  }
  const config = new AppConfig(env);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(env), createFastifyAdapter(config), {
    bufferLogs: true,
  });
  await configureHttpApp(app);
  // Module hooks first (the file storage check among them), so a misconfigured deployment stops
  // before the bootstrap writes anything.
  await app.init();
  await app.get(BootstrapService).run();
  await app.get(CatalogDemoData).run();
  // An exam opening brings thousands of new connections within seconds; with Node's default
  // accept backlog (511) the kernel dropped handshakes while the api was busy, and examinees saw
  // connection resets (tools/bench/exam-day). The kernel caps this at net.core.somaxconn.
  await app.listen({ port: env.PORT, host: env.HOST, backlog: LISTEN_BACKLOG });
  process.stdout.write(`api listening on http://localhost:${env.PORT} (docs: /api/docs)\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  if (error instanceof FileStorageUnreachable) {
    process.stderr.write(`${error.message}\nCheck STORAGE_DRIVER and the S3_* settings (or STORAGE_PATH for the local driver).\n`);
    process.exit(EXIT.storage);
  }
  process.stderr.write(`api failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT.failed);
});
