import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TitleEligibility } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';

/**
 * One "may this cadre be nominated for the title?" answer: yes/no, the reason worded from the
 * reason code (with the certificate's serial number or the grace window's end), and a link to the
 * certificate's public verify page. Used on the cadre profile and in the nomination check.
 */
@Component({
  selector: 'bd-eligibility-verdict',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let r = result();
    <span class="verdict" [class.yes]="r.eligible" [class.no]="!r.eligible" data-testid="eligibility-verdict">{{
      (r.eligible ? 'eligibility.yes' : 'eligibility.no') | translate
    }}</span>
    <span class="reason" data-testid="eligibility-reason">{{ reasonKey() | translate: params() }}</span>
    @if (r.certificateCode) {
      <a class="link" [href]="'/certificates/verify/' + r.certificateCode" target="_blank" rel="noopener" data-testid="eligibility-certificate">{{
        'eligibility.verifyLink' | translate: params()
      }}</a>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.5rem;
      align-items: baseline;
    }
    .verdict {
      font-weight: 600;
      padding: 0 0.5rem;
      border-radius: 0.75rem;
      white-space: nowrap;
    }
    .yes {
      color: #0b5d1e;
      background: #e3f4e8;
    }
    .no {
      color: #8a1c1c;
      background: #fbe4e4;
    }
    .link {
      overflow-wrap: anywhere;
    }
  `,
})
export class EligibilityVerdict {
  readonly result = input.required<TitleEligibility>();

  /** A held certificate with a validity period says until when; every other reason has one wording. */
  protected readonly reasonKey = computed(() => {
    const r = this.result();
    return r.reason === 'certificate_held' && r.expiresOn ? 'eligibility.reasons.certificate_held_until' : `eligibility.reasons.${r.reason}`;
  });
  protected readonly params = computed(() => {
    const r = this.result();
    return { serial: r.serialNumber ?? '', date: r.graceEndsOn ?? r.expiresOn ?? '' };
  });
}

/** Today's date where the Union works (Vietnam), as YYYY-MM-DD: the default date of a nomination. */
export function todayInVietnam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
