import type { components } from '../../api/schema/tasks';

type Schemas = components['schemas'];

export type LeagueTable = Schemas['LeagueTable'];
export type LeagueRow = Schemas['LeagueRow'];
export type LeagueSettings = Schemas['LeagueSettingsUpdate'];
export type LeagueSettingsRead = Schemas['LeagueSettingsRead'];
export type BulletinSummary = Schemas['BulletinSummary'];
export type BulletinRead = Schemas['BulletinRead'];
export type BulletinContent = Schemas['BulletinContent'];
export type SummaryFigures = Schemas['SummaryFigures'];
export type UnitOverdue = Schemas['UnitOverdue'];
export type ProgressTask = Schemas['ProgressTask'];
export type BulletinPage = Schemas['Page_BulletinSummary_'];
export type InboxMessage = Schemas['InboxMessageRead'];
export type InboxPage = Schemas['InboxPage'];

export type BulletinKind = BulletinSummary['kind'];
export type BulletinStatus = BulletinSummary['status'];
export type Honour = NonNullable<LeagueRow['honour']>;

export const BULLETIN_KINDS = ['monthly', 'quarterly', 'annual'] as const satisfies readonly BulletinKind[];
export const BULLETIN_STATUSES = ['draft', 'published'] as const satisfies readonly BulletinStatus[];
