export * from './lib/notifications.routes';
