export * from './lib/content';
export * from './lib/entities';
export * from './lib/question-bank.errors';
export * from './lib/question-bank.module';
export * from './lib/formats';
export * from './lib/services/bank-import.service';
export * from './lib/services/import.service';
export * from './lib/services/items.service';
