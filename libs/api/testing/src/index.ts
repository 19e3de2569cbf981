export * from './lib/test-app';
export * from './lib/test-database';
export * from './lib/fake-clamd';
export * from './lib/s3-server';
export * from './lib/fixtures';
