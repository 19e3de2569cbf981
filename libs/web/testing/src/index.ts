export * from './lib/dom';
export * from './lib/wait';
export * from './lib/api-error';
export * from './lib/translations';
export * from './lib/users';
export * from './lib/test-bed';
