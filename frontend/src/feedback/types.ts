import type { components } from '../api/schema/feedback';

type Schemas = components['schemas'];

export type CaseRead = Schemas['CaseRead'];
export type CaseListItem = Schemas['CaseListItem'];
export type CaseList = Schemas['CaseList'];
export type CaseSummary = Schemas['CaseSummary'];
export type CaseEventRead = Schemas['CaseEventRead'];
export type AttachmentRead = Schemas['AttachmentRead'];
export type ExtensionRead = Schemas['ExtensionRead'];
export type ContactRead = Schemas['ContactRead'];
export type CategoryNode = Schemas['CategoryNode'];
export type StaffCaseCreate = Schemas['StaffCaseCreate'];
export type CaseCreated = Schemas['CaseCreated'];
export type PublicOptions = Schemas['PublicOptions'];
export type PublicCaseCreate = Schemas['PublicCaseCreate'];
export type PublicCaseCreated = Schemas['PublicCaseCreated'];
export type TrackedCase = Schemas['TrackedCase'];
export type PublicEvent = Schemas['PublicEvent'];
/** A unit as feedback-api names it (id, name, short name). */
export type FeedbackUnitRef = NonNullable<CaseRead['main_unit']>;

export type CaseStatus = CaseRead['status'];
export type CaseType = CaseRead['type'];
export type CaseChannel = CaseRead['channel'];
export type StaffChannel = StaffCaseCreate['channel'];
export type DeadlineState = CaseRead['deadline_state'];
export type Satisfaction = NonNullable<CaseRead['satisfaction']>;

export const CASE_STATUSES = [
  'received',
  'assigned',
  'accepted',
  'in_progress',
  'replied',
  'closed',
  'returned',
  'reopened',
] as const satisfies readonly CaseStatus[];
export const CASE_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const satisfies readonly CaseType[];
export const CHANNELS = [
  'public_form',
  'hotline_12345',
  'open311',
  'experience_officer',
  'salon',
  'media',
  'inspection',
  'rating',
] as const satisfies readonly CaseChannel[];
export const STAFF_CHANNELS = ['experience_officer', 'salon', 'media', 'inspection'] as const satisfies readonly StaffChannel[];
export const DEADLINE_STATES = ['normal', 'approaching', 'overdue'] as const satisfies readonly DeadlineState[];
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const satisfies readonly Satisfaction[];

/** Statuses waiting for the dispatcher (待交办): new, returned by a unit, reopened. */
export const DISPATCH_STATUSES = ['received', 'returned', 'reopened'] as const satisfies readonly CaseStatus[];
/** Statuses a handling unit still has to work on (本单位待办). */
export const UNIT_OPEN_STATUSES = ['assigned', 'accepted', 'in_progress'] as const satisfies readonly CaseStatus[];
