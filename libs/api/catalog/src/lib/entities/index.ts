import { AssignmentSubmission, CourseAssignment } from './assignment.entity';
import { Course, CourseLecturer, CourseSession } from './course.entity';
import { Enrollment, LessonProgress, SessionAttendance } from './enrollment.entity';
import { Lesson, Program, ProgramModule, ProgramVersion } from './program.entity';
import { StoredFile, StoredObjectDeletion } from './stored-file.entity';
import { DiscussionPost, DiscussionReport } from '../discussion/discussion.entity';

export { AssignmentSubmission, CourseAssignment } from './assignment.entity';
export { Course, CourseLecturer, CourseSession } from './course.entity';
export { Enrollment, LessonProgress, SessionAttendance } from './enrollment.entity';
export { Lesson, Program, ProgramModule, ProgramVersion } from './program.entity';
export { StoredFile, StoredObjectDeletion } from './stored-file.entity';
export { DiscussionPost, DiscussionReport } from '../discussion/discussion.entity';

export const CATALOG_ENTITIES = [
  Program,
  ProgramVersion,
  ProgramModule,
  Lesson,
  StoredFile,
  StoredObjectDeletion,
  Course,
  CourseSession,
  CourseLecturer,
  Enrollment,
  LessonProgress,
  SessionAttendance,
  CourseAssignment,
  AssignmentSubmission,
  DiscussionPost,
  DiscussionReport,
];
