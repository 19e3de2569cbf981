export * from './lib/certificates.routes';
