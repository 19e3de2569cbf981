import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { Environment, validateEnvironment } from './environment';

/**
 * Provides the validated configuration. The entry points (main.ts of api and worker) validate
 * the environment before Nest starts so a bad variable ends the process with one clear line
 * each; tests pass an Environment they built. Only when neither happens is process.env read here.
 */
@Global()
@Module({})
export class CoreConfigModule {
  static forRoot(env?: Environment): DynamicModule {
    return {
      module: CoreConfigModule,
      providers: [{ provide: AppConfig, useFactory: () => new AppConfig(env ?? validateEnvironment(process.env)) }],
      exports: [AppConfig],
    };
  }
}
