export * from './lib/question-bank.routes';
