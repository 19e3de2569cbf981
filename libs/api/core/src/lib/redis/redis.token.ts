/** The shared ioredis client (see RedisModule). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
