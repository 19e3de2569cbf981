export * from './lib/exam-admin.routes';
