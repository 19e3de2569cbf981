import { Routes } from '@angular/router';
import { CertificatesAdminPage } from './admin/certificates-admin-page';
import { IssuerSettingsPage } from './admin/issuer-settings-page';
import { NominationPage } from './admin/nomination-page';
import { MyCertificatesPage } from './mine/my-certificates-page';
import { VerifyPage } from './verify/verify-page';

/** Mounted at `/certificates` inside the shell: the signed-in learner's own certificates. */
export const myCertificatesRoutes: Routes = [{ path: '', component: MyCertificatesPage, title: 'certificates.title.mine' }];

/** Mounted at `/certificates/admin` inside the shell, behind `permissionGuard` with `certificate.issue`. */
export const certificatesAdminRoutes: Routes = [
  { path: '', component: CertificatesAdminPage, title: 'certificates.title.admin' },
  { path: 'nomination', component: NominationPage, title: 'eligibility.title' },
  { path: 'issuer', component: IssuerSettingsPage, title: 'certificates.issuerArt.title' },
];

/** Mounted at `/certificates/verify` OUTSIDE the shell and without any guard: what the QR code opens. */
export const verifyCertificateRoutes: Routes = [
  { path: '', component: VerifyPage, title: 'certificates.title.verify' },
  { path: ':code', component: VerifyPage, title: 'certificates.title.verify' },
];
