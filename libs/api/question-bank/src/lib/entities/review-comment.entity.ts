import { User } from '@boiduong/api-identity';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Item } from './item.entity';

/** A reviewer's or author's remark on one version during review. */
@Entity({ name: 'qb_review_comments' })
export class ItemReviewComment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_qb_review_comments_item')
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => Item, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_qb_review_comments_item' })
  item?: Item;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'fk_qb_review_comments_author' })
  author?: User;

  @Column({ type: 'text' })
  body!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
