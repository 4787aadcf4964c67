import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { ApiError } from '../../api/problem';
import { me } from '../../test/fixtures';
import { cockpitDates, isServiceDown } from './hooks';
import { opensArea, seesCockpit } from './permissions';

describe('cockpit logic', () => {
  it('tells a service that is down from a request it refused', () => {
    expect(isServiceDown(new ApiError({ title: '企业诉求服务暂不可用', status: 502 }))).toBe(true);
    expect(isServiceDown(new ApiError({ title: '服务器内部错误', status: 500 }))).toBe(true);
    expect(isServiceDown(new ApiError({ title: '响应超时', status: 504 }))).toBe(true);
    expect(isServiceDown(new ApiError('<html>Bad Gateway</html>'))).toBe(true); // a proxy's page, no problem document
    expect(isServiceDown(new TypeError('Failed to fetch'))).toBe(true);
    expect(isServiceDown(new ApiError({ title: '提交的内容有误', status: 422, detail: '…' }))).toBe(false);
    expect(isServiceDown(new ApiError({ title: '无权访问', status: 403, detail: '…' }))).toBe(false);
    expect(isServiceDown(new Error('something else'))).toBe(false);
  });

  it('takes the year and quarter from the statistics date, else today', () => {
    expect(cockpitDates('2026-11-23')).toEqual({ day: '2026-11-23', year: 2026, quarter: '2026-Q4' });
    expect(cockpitDates('2026-01-01')).toEqual({ day: '2026-01-01', year: 2026, quarter: '2026-Q1' });
    expect(cockpitDates('2026-09-30')).toEqual({ day: '2026-09-30', year: 2026, quarter: '2026-Q3' });
    expect(cockpitDates(undefined, dayjs('2027-04-01'))).toEqual({ day: '2027-04-01', year: 2027, quarter: '2027-Q2' });
  });

  it('opens the cockpit to leaders, the reform office and special groups, and links only into their areas', () => {
    expect(seesCockpit(me('leader', ['leader']))).toBe(true);
    expect(seesCockpit(me('office', ['reform_office']))).toBe(true);
    expect(seesCockpit(me('group', ['group_lead']))).toBe(true);
    expect(seesCockpit(me('scjg', ['unit']))).toBe(false);
    expect(seesCockpit(me('fgw', ['lead_unit', 'unit']))).toBe(false);
    expect(opensArea(me('leader', ['leader']), 'feedback')).toBe(true);
    expect(opensArea(me('group', ['group_lead']), 'feedback')).toBe(false);
    expect(opensArea(me('group', ['group_lead']), 'tasks')).toBe(true);
  });
});
