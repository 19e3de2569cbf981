import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { rxResource, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Permission, type OrgUnitSummary } from '@boiduong/shared-contracts';
import { SessionStore } from '@boiduong/web-core';
import { TranslatePipe } from '@ngx-translate/core';
import { debounceTime, distinctUntilChanged, of } from 'rxjs';
import { failureOf, type Failure } from '../data/failure';
import { OrgUnitsService, visibleRoots } from '../data/org-units.service';
import { FailureMessage } from '@boiduong/web-core';
import { CadreImport } from '../users/cadre-import';
import { OrgUnitForm } from './org-unit-form';

interface NodeState {
  expanded: boolean;
  loading: boolean;
  children: OrgUnitSummary[] | null;
  failure: Failure | null;
}

const COLLAPSED: NodeState = { expanded: false, loading: false, children: null, failure: null };
export const SEARCH_DEBOUNCE_MS = 300;

@Component({
  selector: 'bd-org-tree-page',
  imports: [NgTemplateOutlet, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, FailureMessage, OrgUnitForm, CadreImport],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './org-tree-page.html',
  styleUrl: './org-tree-page.css',
})
export class OrgTreePage {
  private readonly units = inject(OrgUnitsService);
  private readonly session = inject(SessionStore);

  protected readonly canManage = computed(() => this.session.permissions().has(Permission.OrgUnitManage));

  protected readonly query = signal('');
  private readonly debouncedQuery = toSignal(
    toObservable(this.query).pipe(debounceTime(SEARCH_DEBOUNCE_MS), distinctUntilChanged()),
    { initialValue: '' },
  );

  protected readonly all = rxResource({ stream: () => this.units.list() });
  protected readonly roots = computed(() => visibleRoots(this.all.hasValue() ? this.all.value() : []));
  protected readonly loadFailure = computed(() => (this.all.error() ? failureOf(this.all.error()) : null));

  protected readonly search = rxResource({
    params: () => this.debouncedQuery().trim(),
    stream: ({ params }) => (params ? this.units.list(params) : of(null)),
  });
  protected readonly searchFailure = computed(() => (this.search.error() ? failureOf(this.search.error()) : null));
  private readonly byId = computed(() => new Map((this.all.hasValue() ? this.all.value() : []).map((u) => [u.id, u])));

  private readonly nodes = signal<ReadonlyMap<string, NodeState>>(new Map());
  protected readonly addingTo = signal<OrgUnitSummary | null>(null);
  protected readonly lastCreated = signal<OrgUnitSummary | null>(null);
  protected readonly importing = signal(false);

  constructor() {
    // A subtree admin usually sees one root (their own unit): open it straight away.
    effect(() => {
      const roots = this.roots();
      if (roots.length !== 1) return;
      untracked(() => {
        if (!this.nodes().has(roots[0].id)) this.toggle(roots[0]);
      });
    });
  }

  protected state(id: string): NodeState {
    return this.nodes().get(id) ?? COLLAPSED;
  }

  protected parentName(unit: OrgUnitSummary): string {
    return unit.parentId ? (this.byId().get(unit.parentId)?.name ?? '') : '';
  }

  protected toggle(unit: OrgUnitSummary): void {
    const current = this.state(unit.id);
    if (current.expanded) {
      this.patch(unit.id, { expanded: false });
      return;
    }
    this.patch(unit.id, { expanded: true });
    if (current.children === null && !current.loading) this.load(unit.id);
  }

  protected retry(unit: OrgUnitSummary): void {
    this.load(unit.id);
  }

  protected startAdding(unit: OrgUnitSummary): void {
    this.lastCreated.set(null);
    this.addingTo.set(unit);
  }

  protected onCreated(parent: OrgUnitSummary, unit: OrgUnitSummary): void {
    this.addingTo.set(null);
    this.lastCreated.set(unit);
    const current = this.state(parent.id);
    if (current.children) {
      this.patch(parent.id, { expanded: true, children: [...current.children, unit] });
    } else {
      this.patch(parent.id, { expanded: true });
      this.load(parent.id);
    }
  }

  /** After a bulk import: read the units again, and the children of every open node (closed ones on their next opening). */
  protected onImported(): void {
    this.all.reload();
    for (const [id, state] of this.nodes()) {
      if (state.expanded) this.load(id);
      else this.patch(id, { children: null });
    }
  }

  private load(id: string): void {
    this.patch(id, { loading: true, failure: null });
    this.units.children(id).subscribe({
      next: (children) => this.patch(id, { loading: false, children }),
      error: (error: unknown) => this.patch(id, { loading: false, failure: failureOf(error) }),
    });
  }

  private patch(id: string, change: Partial<NodeState>): void {
    this.nodes.update((nodes) => new Map(nodes).set(id, { ...(nodes.get(id) ?? COLLAPSED), ...change }));
  }
}
