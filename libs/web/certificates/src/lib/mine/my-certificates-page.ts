import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import type { CertificateEntry } from '@boiduong/shared-contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { CertificatesService, saveBlob } from '../data/certificates.service';
import { failureOf, type Failure } from '../data/failure';
import { FailureMessage } from '@boiduong/web-core';
import { QrCode } from '@boiduong/web-shared-ui';
import { CertificateStatusLabel } from '../ui/status-label';

/** The learner's own certificates: download the PDF or the signed credential, show the QR code and verify link. */
@Component({
  selector: 'bd-my-certificates-page',
  imports: [MatButtonModule, RouterLink, TranslatePipe, FailureMessage, QrCode, CertificateStatusLabel],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-certificates-page.html',
  styleUrl: './my-certificates-page.css',
})
export class MyCertificatesPage implements OnInit {
  private readonly certificates = inject(CertificatesService);
  protected readonly entries = signal<CertificateEntry[] | null>(null);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly downloadFailure = signal<Failure | null>(null);
  protected readonly qrShownFor = signal<string | null>(null);

  ngOnInit(): void {
    this.certificates.mine().subscribe({
      next: (list) => this.entries.set(list),
      error: (e: unknown) => this.failure.set(failureOf(e)),
    });
  }

  protected toggleQr(id: string): void {
    this.qrShownFor.update((shown) => (shown === id ? null : id));
  }

  protected downloadPdf(c: CertificateEntry): void {
    this.downloadFailure.set(null);
    this.certificates.pdf(c.id).subscribe({
      next: (blob) => saveBlob(blob, `${c.serialNumber}.pdf`),
      error: (e: unknown) => this.downloadFailure.set(failureOf(e)),
    });
  }

  protected downloadCredential(c: CertificateEntry): void {
    this.downloadFailure.set(null);
    this.certificates.credential(c.id).subscribe({
      next: (blob) => saveBlob(blob, `${c.serialNumber}.credential.json`),
      error: (e: unknown) => this.downloadFailure.set(failureOf(e)),
    });
  }
}
