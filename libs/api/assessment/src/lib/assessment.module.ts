import { CatalogModule, EXAM_RESULTS } from '@boiduong/api-catalog';
import { IdentityModule } from '@boiduong/api-identity';
import { QuestionBankModule } from '@boiduong/api-question-bank';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttemptAdminController } from './controllers/attempt-admin.controller';
import { ExamsController } from './controllers/exams.controller';
import { GradingController } from './controllers/grading.controller';
import { ProctorEventsController } from './controllers/proctor-events.controller';
import { MyExamsController } from './controllers/my-exams.controller';
import { MyExamsService } from './services/my-exams.service';
import { ASSESSMENT_ENTITIES } from './entities';
import { AssessmentClock } from './services/assessment-clock';
import { AttemptAdminService } from './services/attempt-admin.service';
import { AttemptsService } from './services/attempts.service';
import { ExamAssessmentResults } from './services/exam-results';
import { ExamsService } from './services/exams.service';
import { GradingService } from './services/grading.service';
import { ProctorEventsService } from './services/proctor-events.service';
import { RegradeService } from './services/regrade.service';
import { ManagedExamsModule } from './managed-exams.module';

/**
 * Imports the contexts whose tables exams reference, so their entities are loaded wherever this
 * runs. Global so the catalog can take exam results for course completion (EXAM_RESULTS)
 * without importing this module.
 */
@Global()
@Module({
  imports: [IdentityModule, CatalogModule, QuestionBankModule, TypeOrmModule.forFeature(ASSESSMENT_ENTITIES), ManagedExamsModule],
  controllers: [ExamsController, AttemptAdminController, MyExamsController, GradingController, ProctorEventsController],
  providers: [
    AssessmentClock,
    AttemptsService,
    AttemptAdminService,
    ExamsService,
    MyExamsService,
    GradingService,
    RegradeService,
    ProctorEventsService,
    { provide: EXAM_RESULTS, useClass: ExamAssessmentResults },
  ],
  exports: [AssessmentClock, AttemptsService, ExamsService, RegradeService, EXAM_RESULTS],
})
export class AssessmentModule {}
