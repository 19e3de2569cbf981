import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { databaseOptions } from './database-options';

@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...databaseOptions(config.env.DATABASE_URL, config.env.DATABASE_POOL_SIZE, applicationName),
            autoLoadEntities: true,
            // The entry points check Postgres before Nest starts; retrying here would only delay the error.
            retryAttempts: 0,
          }),
        }),
      ],
    };
  }
}
