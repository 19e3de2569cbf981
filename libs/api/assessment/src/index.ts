export * from './lib/assessment.errors';
export * from './lib/assessment.module';
export * from './lib/domain';
export * from './lib/entities';
export * from './lib/services/assessment-clock';
export * from './lib/services/attempts.service';
export * from './lib/services/exams.service';
export * from './lib/services/regrade.service';
