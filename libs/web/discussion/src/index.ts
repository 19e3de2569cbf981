export * from './lib/data/discussion.service';
export * from './lib/lesson-discussion/lesson-discussion';
export * from './lib/ui/reason-form';
export { formatDateTime } from './lib/ui/text';
