import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { ARTWORK_CONTENT_TYPES, ARTWORK_MAX_BYTES, type ArtworkImageView, type ArtworkKind, type IssuerArtworkView } from '@boiduong/shared-contracts';
import { FailureMessage } from '@boiduong/web-core';
import { FilePicker } from '@boiduong/web-shared-ui';
import { TranslatePipe } from '@ngx-translate/core';
import { CertificatesService } from '../data/certificates.service';
import { failureOf, type Failure } from '../data/failure';

export const ARTWORK_ACCEPT = '.png,.jpg,.jpeg,image/png,image/jpeg';

/**
 * One of a unit's three certificate images (logo, signature, seal): the current one previewed with
 * its size, a picker to upload or replace it, and removal. Type and size are checked here first
 * for a quick answer; the api checks them again, and the content and dimensions.
 */
@Component({
  selector: 'bd-artwork-card',
  imports: [MatButtonModule, TranslatePipe, FailureMessage, FilePicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './artwork-card.html',
  styleUrls: ['../../../../shared/ui/src/lib/styles/feature-page.css', './artwork-card.css'],
})
export class ArtworkCard {
  private readonly certificates = inject(CertificatesService);

  readonly unitId = input.required<string>();
  readonly kind = input.required<ArtworkKind>();
  readonly image = input<ArtworkImageView | null>(null);
  /** The unit's artwork after an upload or a removal. */
  readonly changed = output<IssuerArtworkView>();

  protected readonly accept = ARTWORK_ACCEPT;
  protected readonly file = signal<File | null>(null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<Failure | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly preview = signal<string | null>(null);
  protected readonly kiloBytes = computed(() => Math.max(1, Math.round((this.image()?.sizeBytes ?? 0) / 1024)));
  protected readonly typeLabel = computed(() => (this.image()?.contentType === 'image/jpeg' ? 'JPEG' : 'PNG'));
  /** The image by content: a new view of the unit's artwork that keeps this image does not reload it. */
  private readonly sha256 = computed(() => this.image()?.sha256 ?? null);

  constructor() {
    // The preview follows the current image (by content hash); its object URL is freed with it.
    effect((onCleanup) => {
      const unitId = this.unitId();
      const kind = this.kind();
      const sha = this.sha256();
      this.preview.set(null);
      if (!sha) return;
      let url: string | null = null;
      const sub = this.certificates.artworkImage(unitId, kind).subscribe({
        next: (blob) => {
          url = URL.createObjectURL(blob);
          this.preview.set(url);
        },
        error: (e: unknown) => this.failure.set(failureOf(e)),
      });
      onCleanup(() => {
        sub.unsubscribe();
        if (url) URL.revokeObjectURL(url);
      });
    });
  }

  protected choose(file: File | null): void {
    this.notice.set(null);
    this.failure.set(null);
    if (file && !(ARTWORK_CONTENT_TYPES as readonly string[]).includes(file.type) && !/\.(png|jpe?g)$/i.test(file.name)) {
      this.failure.set({ kind: 'local', key: 'certificates.issuerArt.errors.type' });
      this.file.set(null);
      return;
    }
    if (file && file.size > ARTWORK_MAX_BYTES) {
      this.failure.set({ kind: 'local', key: 'certificates.issuerArt.errors.tooLarge' });
      this.file.set(null);
      return;
    }
    this.file.set(file);
  }

  protected upload(): void {
    const file = this.file();
    if (!file || this.busy()) return;
    this.run(this.certificates.uploadArtwork(this.unitId(), this.kind(), file), 'certificates.issuerArt.artwork.uploaded');
  }

  protected remove(): void {
    if (this.busy()) return;
    this.run(this.certificates.removeArtwork(this.unitId(), this.kind()), 'certificates.issuerArt.artwork.removed');
  }

  private run(request: ReturnType<CertificatesService['removeArtwork']>, done: string): void {
    this.busy.set(true);
    this.failure.set(null);
    this.notice.set(null);
    request.subscribe({
      next: (view) => {
        this.busy.set(false);
        this.file.set(null);
        this.notice.set(done);
        this.changed.emit(view);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.failure.set(failureOf(e));
      },
    });
  }
}
