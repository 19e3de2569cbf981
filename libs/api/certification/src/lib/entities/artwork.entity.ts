import { StoredFile } from '@boiduong/api-catalog';
import { OrgUnit, User } from '@boiduong/api-identity';
import type { ArtworkKind } from '@boiduong/shared-contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * One version of a unit's logo, signature or seal. Never changed once written: a certificate
 * names the versions it printed, so re-rendering it years later draws the same bytes. The same
 * image uploaded again by the same unit for the same kind is the same row (content hash).
 */
@Entity({ name: 'certificate_artwork_images' })
@Index('ux_certificate_artwork_images_content', ['issuerUnitId', 'kind', 'sha256'], { unique: true })
@Check('ck_certificate_artwork_images_kind', `kind IN ('logo','signature','seal')`)
export class CertificateArtworkImage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'issuer_unit_id', type: 'uuid' })
  issuerUnitId!: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_unit_id', foreignKeyConstraintName: 'certificate_artwork_images_issuer_unit_id_fkey' })
  issuerUnit?: OrgUnit;

  @Column({ type: 'varchar', length: 16 })
  kind!: ArtworkKind;

  /** The bytes; the foreign key keeps the clean-up of unused files away from them. */
  @Index('ix_certificate_artwork_images_file')
  @Column({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id', foreignKeyConstraintName: 'certificate_artwork_images_file_id_fkey' })
  file?: StoredFile;

  /** SHA-256 (hex) of the bytes, checked again whenever they are read back for a PDF. */
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 32 })
  contentType!: 'image/png' | 'image/jpeg';

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'certificate_artwork_images_uploaded_by_fkey' })
  uploader?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The images a unit's next certificates print; a kind left null prints nothing in its place. */
@Entity({ name: 'certificate_issuer_artwork' })
export class CertificateIssuerArtwork {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @OneToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'certificate_issuer_artwork_unit_id_fkey' })
  unit?: OrgUnit;

  @Column({ name: 'logo_image_id', type: 'uuid', nullable: true })
  logoImageId!: string | null;

  @ManyToOne(() => CertificateArtworkImage, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'logo_image_id', foreignKeyConstraintName: 'certificate_issuer_artwork_logo_image_id_fkey' })
  logoImage?: CertificateArtworkImage | null;

  @Column({ name: 'signature_image_id', type: 'uuid', nullable: true })
  signatureImageId!: string | null;

  @ManyToOne(() => CertificateArtworkImage, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({
    name: 'signature_image_id',
    foreignKeyConstraintName: 'certificate_issuer_artwork_signature_image_id_fkey',
  })
  signatureImage?: CertificateArtworkImage | null;

  @Column({ name: 'seal_image_id', type: 'uuid', nullable: true })
  sealImageId!: string | null;

  @ManyToOne(() => CertificateArtworkImage, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'seal_image_id', foreignKeyConstraintName: 'certificate_issuer_artwork_seal_image_id_fkey' })
  sealImage?: CertificateArtworkImage | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
