import { waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UnitRead } from '../../../api/types';
import { FGW, GAIB, SCJG, me } from '../../../test/fixtures';
import type { PilotBrief, PilotRead } from './shared';
import type { BestPracticeBrief, BestPracticeRead } from '../practices/shared';

export const SHANGCHENG = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000011', name: '上城区人民政府', short_name: '上城区' };
export const XIHU = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000012', name: '西湖区人民政府', short_name: '西湖区' };
export const BINJIANG = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000013', name: '滨江区人民政府', short_name: '滨江区' };

/** The unit directory with three districts beside the office and two departments. */
export const directory: UnitRead[] = [
  { ...GAIB, code: 'u0', kind: 'reform_office', aliases: [], is_active: true, sort_order: 0 },
  { ...FGW, code: 'u1', kind: 'department', aliases: [], is_active: true, sort_order: 1 },
  { ...SCJG, code: 'u2', kind: 'department', aliases: [], is_active: true, sort_order: 2 },
  { ...SHANGCHENG, code: 'd1', kind: 'district', aliases: [], is_active: true, sort_order: 3 },
  { ...XIHU, code: 'd2', kind: 'district', aliases: [], is_active: true, sort_order: 4 },
  { ...BINJIANG, code: 'd3', kind: 'district', aliases: [], is_active: true, sort_order: 5 },
];

export const unitsPage = () => ({ items: directory, total: directory.length, page: 1, page_size: 200 });

export const leader = () => me('leader', ['leader'], GAIB, 'reform_office');
export const shangchengUser = () => me('shangcheng', ['district'], SHANGCHENG, 'district');
export const xihuUser = () => me('xihu', ['district'], XIHU, 'district');
export const marketGroup = () => ({ ...me('market', ['group_lead'], GAIB, 'reform_office'), environment: 'market' as const });

export function pilotBrief(overrides: Partial<PilotBrief> = {}): PilotBrief {
  return {
    id: 'p1',
    code: 'SD-2026-001',
    title: '企业开办“一件事”集成改革试点',
    unit: SHANGCHENG,
    environment: 'market',
    start_date: '2026-03-01',
    end_date: '2026-12-31',
    status: 'running',
    feedback_count: 2,
    ...overrides,
  };
}

export function pilot(overrides: Partial<PilotRead> = {}): PilotRead {
  return {
    ...pilotBrief(),
    description: '在上城区试行企业开办全流程一网通办、一日办结',
    goal: '企业开办时间压缩至 0.5 个工作日',
    created_by: 'office',
    created_at: '2026-02-20T09:00:00+08:00',
    concluded_at: null,
    feedback: [
      {
        id: 'f1',
        unit: SHANGCHENG,
        author: 'shangcheng',
        reported_on: '2026-05-10',
        content: '已上线一网通办专区，办结 320 件',
        progress_note: '平均用时 0.8 个工作日',
        created_at: '2026-05-10T10:00:00+08:00',
      },
      {
        id: 'f2',
        unit: SHANGCHENG,
        author: 'shangcheng',
        reported_on: '2026-08-12',
        content: '打通税务、社保数据共享',
        progress_note: null,
        created_at: '2026-08-12T10:00:00+08:00',
      },
    ],
    decisions: [
      {
        id: 'd1',
        decision: 'adjust',
        comment: '延长试点期，增加社保登记环节',
        changes: { end_date: { before: '2026-10-31', after: '2026-12-31' } },
        decided_by: 'office',
        decided_at: '2026-09-01T09:00:00+08:00',
      },
    ],
    tasks: [],
    ...overrides,
  };
}

export function practiceBrief(overrides: Partial<BestPracticeBrief> = {}): BestPracticeBrief {
  return {
    id: 'bp1',
    code: 'AL-2026-001',
    task_code: '2026-SC-051',
    title: '市场准入负面清单区县试点经验',
    unit: FGW,
    environment: 'market',
    published_at: '2026-11-10T09:00:00+08:00',
    adoption_count: 1,
    ...overrides,
  };
}

export function practice(overrides: Partial<BestPracticeRead> = {}): BestPracticeRead {
  return {
    ...practiceBrief(),
    summary: '建立差距清单、逐项销号的推进机制',
    evidence: '试点区县准入事项办理时间压缩 60%',
    attachments: [{ index: 0, report_id: 'r1', filename: '试点总结.pdf', content_type: 'application/pdf', size: 20480 }],
    created_by: 'office',
    adopted_units: [XIHU],
    replications: [
      {
        id: 'rep1',
        unit: XIHU,
        adopted_on: '2026-11-15',
        note: '参照建立区级清单',
        recorded_by: 'xihu',
        recorded_at: '2026-11-15T10:00:00+08:00',
      },
    ],
    ...overrides,
  };
}

/** A 201/200 body's JSON and the query string, as recorded by a stubbed route. */
export interface Call {
  body: unknown;
  query: Record<string, string>;
}

export async function record(request: Request, calls: Call[]) {
  const text = await request.text();
  calls.push({ body: text ? JSON.parse(text) : null, query: Object.fromEntries(new URL(request.url).searchParams) });
}

const user = () => userEvent.setup({ pointerEventsCheck: 0 });

/** Opens the antd Select inside `container` and picks the options with these labels. */
export async function pickOptions(select: Element, ...options: string[]) {
  await user().click(select.querySelector('.ant-select-selector')!);
  for (const option of options) {
    const item = await waitFor(() => {
      // The newest dropdown is the one just opened (jsdom never ends the closing animation of earlier ones).
      const dropdown = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')].at(-1);
      const found = [...(dropdown?.querySelectorAll<HTMLElement>('.ant-select-item-option') ?? [])].find((el) => el.title === option);
      if (!found) throw new Error(`no option ${option}`);
      return found;
    });
    await user().click(item);
  }
}

/** The antd Select of a form item, found by its label. */
export const selectOf = (label: string, container: HTMLElement = document.body) =>
  within(container).getAllByLabelText(label)[0].closest('.ant-select')!;

/** Types a date into an antd DatePicker's input and confirms it. */
export async function typeDate(input: HTMLElement, date: string) {
  await user().click(input);
  await user().clear(input);
  await user().type(input, `${date}{Enter}`);
}
