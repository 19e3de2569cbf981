// Kept as an entry point: the decorators live with the hook that enforces them.
export { IS_PUBLIC, Public } from './auth.guard';
