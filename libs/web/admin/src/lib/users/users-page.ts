import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Permission } from '@boiduong/shared-contracts';
import { SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import type { UserDetail } from '../data/admin.models';
import { failureOf } from '../data/failure';
import { OrgUnitsService } from '../data/org-units.service';
import { UsersService } from '../data/users.service';
import { FailureMessage } from '@boiduong/web-core';
import { CadreImport } from './cadre-import';
import { UserForm } from './user-form';

export const USER_SEARCH_DEBOUNCE_MS = 300;

@Component({
  selector: 'bd-users-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    FailureMessage,
    UserForm,
    CadreImport,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.html',
  styleUrl: './users-page.css',
})
export class UsersPage {
  private readonly usersService = inject(UsersService);
  private readonly unitsService = inject(OrgUnitsService);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly canManage = computed(() => this.session.permissions().has(Permission.UserManage));

  /** Kept in the address (`?q=&unit=`), so coming back from a user's page restores the search. */
  protected readonly query = signal(this.route.snapshot.queryParamMap.get('q') ?? '');
  protected readonly orgUnitId = signal(this.route.snapshot.queryParamMap.get('unit') ?? '');
  private readonly debouncedQuery = toSignal(
    toObservable(this.query).pipe(debounceTime(USER_SEARCH_DEBOUNCE_MS), distinctUntilChanged()),
    { initialValue: this.query() },
  );

  protected readonly units = rxResource({ stream: () => this.unitsService.list() });
  protected readonly unitList = computed(() => (this.units.hasValue() ? this.units.value() : []));
  private readonly unitNames = computed(() => new Map(this.unitList().map((u) => [u.id, u.name])));

  protected readonly users = rxResource({
    params: () => ({ q: this.debouncedQuery().trim(), orgUnitId: this.orgUnitId() }),
    stream: ({ params }) => this.usersService.list(params),
  });
  protected readonly listFailure = computed(() => (this.users.error() ? failureOf(this.users.error()) : null));

  protected readonly panel = signal<'none' | 'create' | 'import'>('none');
  protected readonly lastCreated = signal<UserDetail | null>(null);

  constructor() {
    effect(() => {
      const q = this.debouncedQuery().trim();
      const unit = this.orgUnitId();
      const current = this.route.snapshot.queryParamMap;
      if ((current.get('q') ?? '') === q && (current.get('unit') ?? '') === unit) return;
      void this.router.navigate([], {
        relativeTo: this.route,
        queryParams: { q: q || null, unit: unit || null },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
    });
  }

  protected unitName(id: string): string {
    return this.unitNames().get(id) ?? '';
  }

  protected open(panel: 'create' | 'import'): void {
    this.lastCreated.set(null);
    this.panel.set(this.panel() === panel ? 'none' : panel);
  }

  protected onCreated(user: UserDetail): void {
    this.panel.set('none');
    this.lastCreated.set(user);
    this.users.reload();
  }
}
