import type { components } from '../../../api/schema/tasks';

type S = components['schemas'];

export type InspectionRead = S['InspectionRead'];
export type InspectionList = S['InspectionList'];
export type InspectionCreate = S['InspectionCreate'];
export type FindingRead = S['FindingRead'];
export type FindingCreate = S['FindingCreate'];
export type RectificationRead = S['RectificationRead'];
export type RectificationList = S['RectificationList'];
export type InspectionKind = InspectionRead['kind'];
export type Severity = FindingRead['severity'];
export type RectificationStatus = RectificationRead['status'];

export const INSPECTION_KINDS = ['on_site', 'spot_check'] as const satisfies readonly InspectionKind[];
export const SEVERITIES = ['general', 'serious', 'critical'] as const satisfies readonly Severity[];
export const RECTIFICATION_STATUSES = ['open', 'submitted', 'verified'] as const satisfies readonly RectificationStatus[];

/** Rectifications of an inspection: every finding's, in finding order. */
export const rectificationsOf = (inspection: InspectionRead): RectificationRead[] =>
  inspection.findings.flatMap((finding) => (finding.rectification ? [finding.rectification] : []));

/** Not yet verified by the office: still open or waiting for verification. */
export const isUnverified = (r: RectificationRead) => r.status !== 'verified';
