import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { HealthService, SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';

type StatusView =
  | { state: 'checking' }
  | { state: 'ok'; version: string }
  | { state: 'error'; down: string[] }
  | { state: 'unreachable' };

@Component({
  selector: 'bd-home-page',
  imports: [MatButtonModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './home-page.html',
  styleUrl: './home-page.css',
})
export class HomePage {
  private readonly healthService = inject(HealthService);
  protected readonly user = inject(SessionStore).user;

  protected readonly health = rxResource({ stream: () => this.healthService.check() });

  protected readonly status = computed<StatusView>(() => {
    if (this.health.isLoading()) return { state: 'checking' };
    if (this.health.error()) return { state: 'unreachable' };
    const report = this.health.value();
    if (!report) return { state: 'checking' };
    return report.status === 'ok' ? { state: 'ok', version: report.version } : { state: 'error', down: report.down };
  });
}
