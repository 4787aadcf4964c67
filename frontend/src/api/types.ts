import type { components } from './schema/auth';
import type { components as IndicatorsComponents } from './schema/indicators';
import type { components as TasksComponents } from './schema/tasks';

type AuthSchemas = components['schemas'];
type TasksSchemas = TasksComponents['schemas'];
type IndicatorsSchemas = IndicatorsComponents['schemas'];

export type Me = AuthSchemas['Me'];
export type UserRead = AuthSchemas['UserRead'];
export type UnitRead = AuthSchemas['UnitRead'];
export type UnitKind = AuthSchemas['UnitBrief']['kind'];

export type PlanRead = TasksSchemas['PlanRead'];
export type TaskRead = TasksSchemas['TaskRead'];
export type TaskList = TasksSchemas['TaskList'];
export type MilestoneRead = TasksSchemas['MilestoneRead'];
export type ReportRead = TasksSchemas['ReportRead'];
export type AuditEntry = TasksSchemas['AuditEntry'];
export type AdjustmentRead = TasksSchemas['AdjustmentRead'];
export type ImportPreview = TasksSchemas['ImportPreview'];
export type PreviewRow = TasksSchemas['PreviewRow'];
export type RowError = TasksSchemas['RowError'];
export type ImportCommitResult = TasksSchemas['ImportCommitResult'];
export type NoticeRead = TasksSchemas['NoticeRead'];
export type Workbench = TasksSchemas['Workbench'];
export type UnitRef = TasksSchemas['UnitRef'];
export type ReportingStatus = TasksSchemas['ReportingStatus'];
export type UnitReporting = TasksSchemas['UnitReporting'];
export type NoticeCounts = TasksSchemas['NoticeCounts'];

export type Environment = TaskRead['environment'];
export type Category = TaskRead['category'];
export type TaskStatus = TaskRead['status'];
export type Warning = TaskRead['warning'];
export type BenchmarkClass = NonNullable<TaskRead['benchmark_class']>;

export const ENVIRONMENTS = [
  'gov_service',
  'rule_of_law',
  'market',
  'economic_ecology',
  'humanistic',
  'entrepreneurship',
] as const satisfies readonly Environment[];
export const CATEGORIES = ['key', 'strength', 'weakness', 'signature'] as const satisfies readonly Category[];
export const STATUSES = ['not_started', 'in_progress', 'completed', 'ongoing'] as const satisfies readonly TaskStatus[];
export const WARNINGS = ['red', 'yellow', 'none'] as const satisfies readonly Warning[];
export const BENCHMARK_CLASSES = ['A', 'B', 'C'] as const satisfies readonly BenchmarkClass[];

export type FrameworkRead = IndicatorsSchemas['FrameworkRead'];
export type FrameworkOverview = IndicatorsSchemas['FrameworkOverview'];
export type OverviewRow = IndicatorsSchemas['OverviewRow'];
export type ServedStatus = IndicatorsSchemas['ServedStatus'];
export type RankTargets = IndicatorsSchemas['RankTargets'];
export type IndicatorRead = IndicatorsSchemas['IndicatorRead'];
export type Leaderboard = IndicatorsSchemas['Leaderboard'];
export type LeaderboardItem = IndicatorsSchemas['LeaderboardItem'];
export type TrendPoint = IndicatorsSchemas['TrendPoint'];
export type LinkedTask = IndicatorsSchemas['LinkedTask'];
export type ClassSuggestion = IndicatorsSchemas['ClassSuggestion'];
export type RegionRead = IndicatorsSchemas['RegionRead'];
export type RegionSetRead = IndicatorsSchemas['RegionSetRead'];
export type ObservationIn = IndicatorsSchemas['ObservationIn'];
export type ObservationRead = IndicatorsSchemas['ObservationRead'];
export type ObservationImportPreview = IndicatorsSchemas['ObservationImportPreview'];
export type ImportRowRead = IndicatorsSchemas['ImportRowRead'];
export type ImportCommitted = IndicatorsSchemas['ImportCommitted'];
export type QualityFlag = IndicatorsSchemas['Flag'];
export type OfficialResultIn = IndicatorsSchemas['OfficialResultIn'];

/** 保五争四冲三 tiers of a rank against the framework's rank targets. */
export type Tier = NonNullable<ServedStatus['tier']>;
export const TIERS = ['stretch_met', 'target_met', 'floor_held', 'below_floor'] as const satisfies readonly Tier[];
export type Classification = NonNullable<ServedStatus['classification']>;
export type Trend = NonNullable<ServedStatus['trend']>;
export type ObservationStatus = ObservationRead['status'];
export const OBSERVATION_STATUSES = ['submitted', 'approved', 'returned'] as const satisfies readonly ObservationStatus[];
