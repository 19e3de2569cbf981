import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificatesController } from './controllers/certificates.controller';
import { PublicCertificatesController, VerifyController } from './controllers/verify.controller';
import { CERTIFICATION_ENTITIES } from './entities';
import { CertificateJobs } from './services/certificate-jobs.service';
import { CertificateSigner } from './services/certificate-signer.service';
import { CertificatesService } from './services/certificates.service';

@Module({
  imports: [TypeOrmModule.forFeature(CERTIFICATION_ENTITIES)],
  controllers: [CertificatesController, VerifyController, PublicCertificatesController],
  providers: [CertificateSigner, CertificatesService, CertificateJobs],
  exports: [CertificatesService, CertificateSigner, CertificateJobs],
})
export class CertificationModule {}
