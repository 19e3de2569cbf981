import { Routes } from '@angular/router';
import { Permission } from '@boiduong/shared-contracts';
import { permissionGuard } from '@boiduong/web-core';
import { ItemDetailPage } from './detail/item-detail-page';
import { ItemEditorPage } from './editor/item-editor-page';
import { ImportPage } from './import/import-page';
import { ItemListPage } from './list/item-list-page';

const authorOnly = { canActivate: [permissionGuard], data: { permissions: [Permission.ItemAuthor] } };

/** Mounted at `/bank` by the app, behind `permissionGuard` with `item.review` (every author also reviews). */
export const questionBankRoutes: Routes = [
  { path: '', component: ItemListPage, title: 'questionBank.titles.list' },
  { path: 'new', component: ItemEditorPage, title: 'questionBank.titles.create', ...authorOnly },
  { path: 'import', component: ImportPage, title: 'questionBank.titles.import', ...authorOnly },
  { path: ':id', component: ItemDetailPage, title: 'questionBank.titles.detail' },
  { path: ':id/edit', component: ItemEditorPage, title: 'questionBank.titles.edit', ...authorOnly },
];
