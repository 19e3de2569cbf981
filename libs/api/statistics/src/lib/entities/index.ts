import { ExamStatistics, ItemVersionStatisticsRow } from './exam-statistics.entity';

export { ExamStatistics, ItemVersionStatisticsRow } from './exam-statistics.entity';

export const STATISTICS_ENTITIES = [ExamStatistics, ItemVersionStatisticsRow];
