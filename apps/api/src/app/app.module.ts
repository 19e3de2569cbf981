import { AssessmentModule } from '@boiduong/api-assessment';
import { CoreModule, type Environment } from '@boiduong/api-core';
import { CatalogModule } from '@boiduong/api-catalog';
import { CertificationModule } from '@boiduong/api-certification';
import { IdentityModule } from '@boiduong/api-identity';
import { QuestionBankModule } from '@boiduong/api-question-bank';
import { StatisticsModule } from '@boiduong/api-statistics';
import { DynamicModule, Module } from '@nestjs/common';

/** The HTTP api: core plus every bounded context. Nothing else lives in the app. */
@Module({})
export class AppModule {
  static register(env?: Environment): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot({ env, applicationName: 'api', http: true }), IdentityModule, QuestionBankModule, CatalogModule, AssessmentModule, CertificationModule, StatisticsModule],
    };
  }
}
