import { DOCUMENT } from '@angular/common';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { CurrentUser, LoginResponse, Permission, TokenPair } from '@boiduong/shared-contracts';
import { BROWSER_STORAGE } from './browser-storage';

export const SESSION_STORAGE_KEY = 'boiduong.session';

export interface SessionState {
  accessToken: string;
  refreshToken: string;
  /** Kept with the tokens so a reload on a slow connection shows the shell before `/me` answers. */
  user: CurrentUser | null;
}

function parse(raw: string | null): SessionState | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<SessionState>;
    if (typeof value.accessToken !== 'string' || typeof value.refreshToken !== 'string') return null;
    return { accessToken: value.accessToken, refreshToken: value.refreshToken, user: value.user ?? null };
  } catch {
    return null;
  }
}

/** The signed-in user and their tokens, persisted so a reload keeps the session. */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly storage = inject(BROWSER_STORAGE);
  private readonly state = signal<SessionState | null>(parse(this.storage.getItem(SESSION_STORAGE_KEY)));

  readonly user = computed(() => this.state()?.user ?? null);
  readonly accessToken = computed(() => this.state()?.accessToken ?? null);
  readonly refreshToken = computed(() => this.state()?.refreshToken ?? null);
  readonly isAuthenticated = computed(() => this.state() !== null);
  readonly permissions = computed(() => new Set<string>(this.user()?.permissions ?? []));

  constructor() {
    // Refresh tokens are single-use: when another tab rotates them, this tab must
    // pick up the new pair or its next refresh would present a spent token.
    const view = inject(DOCUMENT).defaultView;
    if (view) {
      const onStorage = (event: StorageEvent) => {
        if (event.key === SESSION_STORAGE_KEY || event.key === null) {
          this.state.set(parse(this.storage.getItem(SESSION_STORAGE_KEY)));
        }
      };
      view.addEventListener('storage', onStorage);
      inject(DestroyRef).onDestroy(() => view.removeEventListener('storage', onStorage));
    }
  }

  hasPermission(permission: Permission): boolean {
    return this.permissions().has(permission);
  }

  hasAllPermissions(permissions: readonly Permission[]): boolean {
    const granted = this.permissions();
    return permissions.every((p) => granted.has(p));
  }

  start(response: LoginResponse): void {
    this.write({ accessToken: response.accessToken, refreshToken: response.refreshToken, user: response.user });
  }

  replaceTokens(pair: TokenPair): void {
    const current = this.state();
    this.write({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, user: current?.user ?? null });
  }

  setUser(user: CurrentUser): void {
    const current = this.state();
    if (current) this.write({ ...current, user });
  }

  clear(): void {
    this.state.set(null);
    this.storage.removeItem(SESSION_STORAGE_KEY);
  }

  private write(next: SessionState): void {
    this.state.set(next);
    this.storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(next));
  }
}
