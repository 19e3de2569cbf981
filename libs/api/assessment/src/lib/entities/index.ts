import { Attempt, AttemptItem, Response } from './attempt.entity';
import { Exam, ExamExtraTime } from './exam.entity';

export { Attempt, AttemptItem, Response, type AttemptStatus } from './attempt.entity';
export { Exam, ExamExtraTime } from './exam.entity';

export const ASSESSMENT_ENTITIES = [Exam, ExamExtraTime, Attempt, AttemptItem, Response];
