export * from './lib/course-admin.routes';
