import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ELIGIBILITY_BATCH_MAX, TITLES, type OrgUnitSummary, type TitleEligibilityBatch } from '@boiduong/shared-contracts';
import { FailureMessage, toFailure, type Failure } from '@boiduong/web-core';
import { EligibilityVerdict, todayInVietnam } from '@boiduong/web-shared-ui';
import { TranslatePipe } from '@ngx-translate/core';
import { CertificatesService, type UserChoice } from '../data/certificates.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The nomination check: an admin picks a title, a date and cadres (by name, or everyone of a unit's
 * subtree) and sees who may be nominated for the title and, for the others, why not.
 */
@Component({
  selector: 'bd-nomination-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe, FailureMessage, EligibilityVerdict],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './nomination-page.html',
  styleUrl: './nomination-page.css',
})
export class NominationPage implements OnInit {
  private readonly certificates = inject(CertificatesService);
  protected readonly titles = TITLES;
  protected readonly max = ELIGIBILITY_BATCH_MAX;

  protected title = '';
  protected on = todayInVietnam();
  protected unitId = '';
  protected search = '';
  protected readonly units = signal<OrgUnitSummary[]>([]);
  protected readonly matches = signal<UserChoice[] | null>(null);
  protected readonly picked = signal<UserChoice[]>([]);
  protected readonly result = signal<TitleEligibilityBatch | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  /** A message key of a form problem found before asking the API. */
  protected readonly problem = signal<string | null>(null);

  private readonly nameOf = computed(() => new Map(this.picked().map((u) => [u.id, u])));
  protected readonly eligibleCount = computed(() => this.result()?.results.filter((r) => r.eligible).length ?? 0);

  ngOnInit(): void {
    this.certificates.issuers().subscribe({
      next: (units) => this.units.set(units.filter((u) => !u.validTo)),
      error: (e: unknown) => this.failure.set(toFailure(e, 'eligibility')),
    });
  }

  protected find(): void {
    const q = this.search.trim();
    if (!q) return;
    this.failure.set(null);
    this.certificates.searchUsers(q).subscribe({
      next: (list) => this.matches.set(list),
      error: (e: unknown) => this.failure.set(toFailure(e, 'eligibility')),
    });
  }

  protected addUnit(): void {
    if (!this.unitId) return;
    this.failure.set(null);
    this.certificates.usersOfUnit(this.unitId).subscribe({
      next: (list) => this.add(list),
      error: (e: unknown) => this.failure.set(toFailure(e, 'eligibility')),
    });
  }

  protected add(users: UserChoice[]): void {
    this.result.set(null);
    this.picked.update((list) => {
      const known = new Set(list.map((u) => u.id));
      return [...list, ...users.filter((u) => !known.has(u.id))];
    });
  }

  protected remove(id: string): void {
    this.result.set(null);
    this.picked.update((list) => list.filter((u) => u.id !== id));
  }

  protected clear(): void {
    this.result.set(null);
    this.picked.set([]);
  }

  protected name(userId: string): string {
    const u = this.nameOf().get(userId);
    return u ? `${u.fullName} (${u.username})` : userId;
  }

  protected check(): void {
    const ids = this.picked().map((u) => u.id);
    const problem = !this.title
      ? 'eligibility.nomination.titleRequired'
      : !DATE.test(this.on)
        ? 'eligibility.nomination.dateInvalid'
        : !ids.length
          ? 'eligibility.nomination.empty'
          : ids.length > this.max
            ? 'eligibility.nomination.tooMany'
            : null;
    this.problem.set(problem);
    if (problem) return;
    this.failure.set(null);
    this.result.set(null);
    this.certificates.checkEligibility(this.title, this.on, ids).subscribe({
      next: (batch) => this.result.set(batch),
      error: (e: unknown) => this.failure.set(toFailure(e, 'eligibility')),
    });
  }
}
