export * from './lib/exam.routes';
