import { Item } from './item.entity';
import { ItemVersion } from './item-version.entity';
import { ItemReviewComment } from './review-comment.entity';

export { Item } from './item.entity';
export { ItemVersion } from './item-version.entity';
export { ItemReviewComment } from './review-comment.entity';

export const QUESTION_BANK_ENTITIES = [Item, ItemVersion, ItemReviewComment];
