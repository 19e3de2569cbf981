import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';

/** Marks a route that needs no sign-in. Everything else requires a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
