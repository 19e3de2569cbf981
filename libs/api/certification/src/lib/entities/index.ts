import { CertificateArtworkImage, CertificateIssuerArtwork } from './artwork.entity';
import { CertificateCandidate, CertificateIssuer, CertificateProgramPolicy } from './auto-issuance.entity';
import { Certificate } from './certificate.entity';
import { CertificateRegistry } from './registry.entity';
import { CertificateRuleSet } from './rule-set.entity';
import { CertificateSigningKey } from './signing-key.entity';

export { CertificateArtworkImage, CertificateIssuerArtwork } from './artwork.entity';
export { CertificateCandidate, CertificateIssuer, CertificateProgramPolicy } from './auto-issuance.entity';
export { Certificate } from './certificate.entity';
export { CertificateRegistry } from './registry.entity';
export { CertificateRuleSet } from './rule-set.entity';
export { CertificateSigningKey } from './signing-key.entity';

export const CERTIFICATION_ENTITIES = [CertificateRuleSet, CertificateRegistry, CertificateSigningKey, Certificate, CertificateProgramPolicy, CertificateIssuer, CertificateCandidate, CertificateArtworkImage, CertificateIssuerArtwork];
