import { InjectionToken } from '@angular/core';

/**
 * Base URL of the versioned API. Same origin in production (the API serves the
 * web build), proxied by the dev server otherwise, so a relative path suffices.
 */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '/api/v1',
});
