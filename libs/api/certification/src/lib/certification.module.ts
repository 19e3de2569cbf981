import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificatesController } from './controllers/certificates.controller';
import { EligibilityController, MyCertificatesController, PublicCredentialsController } from './controllers/credentials.controller';
import { PublicCertificatesController, VerifyController } from './controllers/verify.controller';
import { CERTIFICATION_ENTITIES } from './entities';
import { CertificateJobs } from './services/certificate-jobs.service';
import { CertificateSigner } from './services/certificate-signer.service';
import { CertificatesService } from './services/certificates.service';
import { CredentialsService } from './services/credentials.service';
import { EligibilityService } from './services/eligibility.service';

@Module({
  imports: [TypeOrmModule.forFeature(CERTIFICATION_ENTITIES)],
  controllers: [CertificatesController, VerifyController, PublicCertificatesController, PublicCredentialsController, MyCertificatesController, EligibilityController],
  providers: [CertificateSigner, CredentialsService, CertificatesService, EligibilityService, CertificateJobs],
  exports: [CertificatesService, CertificateSigner, CredentialsService, EligibilityService, CertificateJobs],
})
export class CertificationModule {}
