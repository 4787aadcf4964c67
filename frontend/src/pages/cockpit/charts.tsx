// ECharts for the cockpit, tree-shaken. Only the lazily loaded cockpit page imports this module (App.tsx), so the
// chart library stays out of the login page, the ledger and the public /report entry.
// `echarts-for-react/esm/core` (not lib/core, which crashes React 19 with error #130).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { MonthMetrics } from './hooks';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export interface TrendChartLabels {
  received: string;
  closed: string;
  otr: string;
  satisfaction: string;
  onTime: string;
  /** 2026-11 → 11月 / Nov */
  month: (month: string) => string;
}

const COLORS = { received: '#1677ff', closed: '#52c41a', otr: '#fa8c16', satisfaction: '#722ed1', onTime: '#13c2c2' };

/**
 * A year month by month: received and closed cases as bars (left axis), the three rates as lines (right axis,
 * %). Months with nothing to rate leave a gap in the rate lines instead of dropping to 0.
 */
export function FeedbackTrendChart({ months, labels, ariaLabel, compact }: { months: MonthMetrics[]; labels: TrendChartLabels; ariaLabel: string; compact: boolean }) {
  const rate = (pick: (m: MonthMetrics) => { value: number | null }) => months.map((m) => pick(m).value);
  const option = {
    animation: false,
    legend: { top: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: compact ? 11 : 12 } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value: number | null) => (value === null || value === undefined ? '—' : String(value)),
    },
    grid: { left: 8, right: 8, top: compact ? 56 : 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: months.map((m) => labels.month(m.month)),
      axisTick: { alignWithLabel: true },
    },
    yAxis: [
      { type: 'value', minInterval: 1, splitNumber: 3 },
      { type: 'value', min: 0, max: 100, splitNumber: 2, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { name: labels.received, type: 'bar', data: months.map((m) => m.received), color: COLORS.received, barMaxWidth: 16 },
      { name: labels.closed, type: 'bar', data: months.map((m) => m.closed), color: COLORS.closed, barMaxWidth: 16 },
      { name: labels.otr, type: 'line', yAxisIndex: 1, data: rate((m) => m.one_time_resolution), color: COLORS.otr, connectNulls: false },
      { name: labels.satisfaction, type: 'line', yAxisIndex: 1, data: rate((m) => m.satisfaction), color: COLORS.satisfaction, connectNulls: false },
      { name: labels.onTime, type: 'line', yAxisIndex: 1, data: rate((m) => m.on_time_closure), color: COLORS.onTime, connectNulls: false },
    ],
  };
  return (
    <div className="chart ck-trend-chart" role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: compact ? 260 : 280 }} />
    </div>
  );
}
