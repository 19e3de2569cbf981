export * from './normalize';
export * from './sanitize';
export * from './item-content';
export * from './hash';
export * from './grading';
