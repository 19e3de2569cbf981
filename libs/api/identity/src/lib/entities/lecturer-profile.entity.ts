import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from './user.entity';

/** What a lecturer teaches: specialties (free codes) and the programs taught (by code or name). */
@Entity({ name: 'lecturer_profiles' })
export class LecturerProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'lecturer_profiles_user_id_fkey' })
  user?: User;

  @Column({ type: 'varchar', length: 64, array: true })
  specialties!: string[];

  @Column({ name: 'programs_taught', type: 'varchar', length: 255, array: true })
  programsTaught!: string[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
