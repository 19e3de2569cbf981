export * from './lib/exam.routes';
export * from './lib/grading/grading.routes';
