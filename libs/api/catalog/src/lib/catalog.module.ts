import { IdentityModule } from '@boiduong/api-identity';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsController } from './controllers/assignments.controller';
import { CheckInController } from './controllers/check-in.controller';
import { CoursesController } from './controllers/courses.controller';
import { DirectoryController } from './controllers/directory.controller';
import { ProgramsController } from './controllers/programs.controller';
import { DiscussionController } from './discussion/discussion.controller';
import { DiscussionService } from './discussion/discussion.service';
import { CATALOG_ENTITIES } from './entities';
import { AssignmentsService } from './services/assignments.service';
import { AssessmentResults, EXAM_RESULTS, NoAssessments } from './services/assessment-results';
import { CheckInClock } from './services/check-in-clock';
import { CheckInService } from './services/check-in.service';
import { CheckInTokens } from './services/check-in-tokens';
import { COMPLETION_LISTENER, CompletionListener, NoCompletionListener } from './services/completion-listener';
import { CatalogDemoData } from './services/demo-data.service';
import { CompletionService } from './services/completion.service';
import { CourseDirectoryService } from './services/course-directory.service';
import { CourseSuccession } from './services/course-succession';
import { FileLinks } from './services/file-links';
import { CoursesService } from './services/courses.service';
import { LearningService } from './services/learning.service';
import { ProgramsService } from './services/programs.service';
import { FileStorage } from './storage/file-storage';
import { STORAGE_PROVIDERS } from './storage/storage.providers';
import { StoredFiles } from './storage/stored-files.service';
import { UnusedFiles } from './storage/unused-files.service';

@Module({
  // IdentityModule for OrgUnitSuccessions, with which CourseSuccession registers.
  imports: [IdentityModule, TypeOrmModule.forFeature(CATALOG_ENTITIES)],
  controllers: [ProgramsController, CoursesController, DirectoryController, AssignmentsController, CheckInController, DiscussionController],
  providers: [
    ProgramsService,
    CoursesService,
    LearningService,
    AssignmentsService,
    CheckInService,
    CheckInTokens,
    CheckInClock,
    DiscussionService,
    CompletionService,
    CourseDirectoryService,
    CourseSuccession,
    FileLinks,
    CatalogDemoData,
    ...STORAGE_PROVIDERS,
    // Exam results when the assessment context is loaded; without it no assessment is required.
    {
      provide: AssessmentResults,
      inject: [{ token: EXAM_RESULTS, optional: true }],
      useFactory: (exams?: AssessmentResults) => exams ?? new NoAssessments(),
    },
    // Certificates follow completion when the certification context is loaded.
    {
      provide: CompletionListener,
      inject: [{ token: COMPLETION_LISTENER, optional: true }],
      useFactory: (listener?: CompletionListener) => listener ?? new NoCompletionListener(),
    },
  ],
  exports: [ProgramsService, CoursesService, CompletionService, CatalogDemoData, FileStorage, StoredFiles, UnusedFiles],
})
export class CatalogModule {}
