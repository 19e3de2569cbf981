import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Every key that ever signed a certificate, by key id, so rotated keys keep verifying.
 * The private half is stored only for the development key generated at boot.
 */
@Entity({ name: 'certificate_signing_keys' })
@Unique('ux_certificate_signing_keys_kid', ['kid'])
export class CertificateSigningKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  kid!: string;

  @Column({ name: 'public_key_pem', type: 'text' })
  publicKeyPem!: string;

  @Column({ name: 'private_key_pem', type: 'text', nullable: true })
  privateKeyPem!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
