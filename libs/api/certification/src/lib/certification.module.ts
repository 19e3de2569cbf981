import { CatalogModule, COMPLETION_LISTENER } from '@boiduong/api-catalog';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CandidatesController, IssuanceSettingsController } from './controllers/candidates.controller';
import { CertificatesController } from './controllers/certificates.controller';
import { EligibilityController, MyCertificatesController, PublicCredentialsController } from './controllers/credentials.controller';
import { PublicCertificatesController, VerifyController } from './controllers/verify.controller';
import { VerifyRateLimit } from './services/verify-rate-limit';
import { CERTIFICATION_ENTITIES } from './entities';
import { ArtworkService } from './services/artwork.service';
import { AutoIssuance } from './services/auto-issuance.service';
import { CertificateJobs } from './services/certificate-jobs.service';
import { CertificateSigner } from './services/certificate-signer.service';
import { CertificatesService } from './services/certificates.service';
import { CredentialsService } from './services/credentials.service';
import { EligibilityService } from './services/eligibility.service';
import { IssuanceTrigger } from './services/issuance-trigger';

/**
 * Global so the catalog is told of completions (COMPLETION_LISTENER) without importing this
 * module; imports the catalog for completion facts and the tables candidates reference.
 */
@Global()
@Module({
  imports: [CatalogModule, TypeOrmModule.forFeature(CERTIFICATION_ENTITIES)],
  controllers: [
    CandidatesController,
    IssuanceSettingsController,
    CertificatesController,
    VerifyController,
    PublicCertificatesController,
    PublicCredentialsController,
    MyCertificatesController,
    EligibilityController,
  ],
  providers: [
    VerifyRateLimit,
    ArtworkService,
    CertificateSigner,
    CredentialsService,
    CertificatesService,
    EligibilityService,
    CertificateJobs,
    IssuanceTrigger,
    AutoIssuance,
    { provide: COMPLETION_LISTENER, useExisting: IssuanceTrigger },
  ],
  exports: [ArtworkService, CertificatesService, CertificateSigner, CredentialsService, EligibilityService, CertificateJobs, AutoIssuance, IssuanceTrigger, COMPLETION_LISTENER],
})
export class CertificationModule {}
