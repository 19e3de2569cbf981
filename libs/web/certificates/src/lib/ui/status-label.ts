import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { CertificateStatus } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';

/** The certificate's status in words, coloured: valid green, revoked or replaced red. */
@Component({
  selector: 'bd-certificate-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="status" [class.ok]="status() === 'valid'" [attr.data-status]="status()" data-testid="certificate-status">{{
    'certificates.status.' + status() | translate
  }}</span>`,
  styles: `
    .status {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      font-weight: 600;
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
    }
    .status.ok {
      color: var(--mat-sys-on-tertiary-container);
      background: var(--mat-sys-tertiary-container);
    }
  `,
})
export class CertificateStatusLabel {
  readonly status = input.required<CertificateStatus>();
}
