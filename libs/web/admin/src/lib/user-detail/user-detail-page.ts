import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, of } from 'rxjs';
import { failureOf } from '../data/failure';
import { OrgUnitsService } from '../data/org-units.service';
import { UsersService } from '../data/users.service';
import { EligibilityPanel } from './eligibility-panel';
import { FailureMessage } from '@boiduong/web-core';

@Component({
  selector: 'bd-user-detail-page',
  imports: [RouterLink, MatButtonModule, TranslatePipe, FailureMessage, EligibilityPanel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-detail-page.html',
  styleUrls: ['../ui/person-details.css', './user-detail-page.css'],
})
export class UserDetailPage {
  private readonly usersService = inject(UsersService);
  private readonly unitsService = inject(OrgUnitsService);

  /** Route parameter (component input binding). */
  readonly id = input.required<string>();

  protected readonly user = rxResource({ params: () => this.id(), stream: ({ params }) => this.usersService.get(params) });
  /** Names for the units of the grants; without them the page still shows the user. */
  protected readonly units = rxResource({ stream: () => this.unitsService.list().pipe(catchError(() => of([]))) });
  private readonly unitById = computed(() => new Map((this.units.hasValue() ? this.units.value() : []).map((u) => [u.id, u])));
  protected readonly failure = computed(() => (this.user.error() ? failureOf(this.user.error()) : null));

  protected unitLabel(id: string): string {
    const unit = this.unitById().get(id);
    return unit ? `${unit.name} (${unit.code})` : id;
  }
}
