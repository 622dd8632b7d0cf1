import { Foundation1764028800000 } from './1764028800000-Foundation';
import { Patients1764028900000 } from './1764028900000-Patients';
import { PatientSearchExtras1764028950000 } from './1764028950000-PatientSearchExtras';
import { Scans1764029000000 } from './1764029000000-Scans';
import { Courses1764029100000 } from './1764029100000-Courses';
import { PatientSearchColumns1764029123456 } from './1764029123456-PatientSearchColumns';
import { TreatmentTime1764029200000 } from './1764029200000-TreatmentTime';
import { FrontDesk1764029300000 } from './1764029300000-FrontDesk';
import { RuntimeRole1796021632790 } from './1796021632790-RuntimeRole';
import { SignInAudit1796021632791 } from './1796021632791-SignInAudit';
import { ReportIndexes1796022786202 } from './1796022786202-ReportIndexes';
import { AuditPageViews1796025271614 } from './1796025271614-AuditPageViews';
import { RecallCalls1796025271700 } from './1796025271700-RecallCalls';
import { NameVariants1796025272000 } from './1796025272000-NameVariants';
import { PasswordChange1796031000000 } from './1796031000000-PasswordChange';
import { PatientContact1796031000100 } from './1796031000100-PatientContact';
import { ClinicSettings1796033167195 } from './1796033167195-ClinicSettings';
import { CourseFacts1796033200000 } from './1796033200000-CourseFacts';
import { SearchIndexesWithoutPendingList1796033300000 } from './1796033300000-SearchIndexesWithoutPendingList';
import { ReportPlans1796033400000 } from './1796033400000-ReportPlans';
import { Messages1796033500000 } from './1796033500000-Messages';
import { RecallsAndConsultationReminders1796033600000 } from './1796033600000-RecallsAndConsultationReminders';
import { ContactPreference1796033650000 } from './1796033650000-ContactPreference';
import { MessageTemplates1796033700000 } from './1796033700000-MessageTemplates';
import { DiaryIndex1796033800000 } from './1796033800000-DiaryIndex';
import { DiaryReads1796033900000 } from './1796033900000-DiaryReads';
import { SessionWrites1796034000000 } from './1796034000000-SessionWrites';
import { EmbeddedUpkeep1796034100000 } from './1796034100000-EmbeddedUpkeep';
import { PatientNames1796034200000 } from './1796034200000-PatientNames';
import { PatientNamesOnInsert1796034300000 } from './1796034300000-PatientNamesOnInsert';

/** Every migration, oldest first (one a line). TypeORM runs the ones not yet applied at start-up. */
export const MIGRATIONS = [
  Foundation1764028800000,
  Patients1764028900000,
  PatientSearchExtras1764028950000,
  Scans1764029000000,
  Courses1764029100000,
  PatientSearchColumns1764029123456,
  TreatmentTime1764029200000,
  FrontDesk1764029300000,
  RuntimeRole1796021632790,
  SignInAudit1796021632791,
  ReportIndexes1796022786202,
  AuditPageViews1796025271614,
  RecallCalls1796025271700,
  NameVariants1796025272000,
  PasswordChange1796031000000,
  PatientContact1796031000100,
  ClinicSettings1796033167195,
  CourseFacts1796033200000,
  SearchIndexesWithoutPendingList1796033300000,
  ReportPlans1796033400000,
  Messages1796033500000,
  RecallsAndConsultationReminders1796033600000,
  ContactPreference1796033650000,
  MessageTemplates1796033700000,
  DiaryIndex1796033800000,
  DiaryReads1796033900000,
  SessionWrites1796034000000,
  EmbeddedUpkeep1796034100000,
  PatientNames1796034200000,
  PatientNamesOnInsert1796034300000,
];
