import { Injectable } from '@angular/core';

const KEY = 'bd.exam.deviceId';
const VALID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * This browser's own id, sent as `x-device-id` with every attempt request: the server lets one
 * device at a time hold an attempt. Kept in localStorage so a reload is the same device; when
 * storage is unavailable (private mode quotas) it lasts as long as the page.
 */
@Injectable({ providedIn: 'root' })
export class DeviceId {
  private current: string | null = null;

  get value(): string {
    if (this.current) return this.current;
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(KEY);
    } catch {
      stored = null;
    }
    if (stored && VALID.test(stored)) return (this.current = stored);
    const fresh = newDeviceId();
    try {
      localStorage.setItem(KEY, fresh);
    } catch {
      // Not persisted: this page still uses one id throughout.
    }
    return (this.current = fresh);
  }
}

export function newDeviceId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
