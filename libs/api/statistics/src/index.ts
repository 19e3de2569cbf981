export * from './lib/domain/exam-analysis';
export * from './lib/entities';
export * from './lib/services/statistics.service';
export * from './lib/statistics.errors';
export * from './lib/statistics.module';
