// ECharts, tree-shaken. Only the lazily loaded indicator pages import this module, so neither the
// login page nor the public /report entry downloads the chart library.
// `echarts-for-react/esm/core` (not lib/core, which crashes React 19 with error #130).
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { LeaderboardItem, TrendPoint } from '../api/types';
import { formatNumber } from './format';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

/** 杭州 (the served city) stands out from its peers; the benchmark city has its own colour. */
export const SERVED_COLOR = '#fa541c';
export const BENCHMARK_COLOR = '#722ed1';
export const PEER_COLOR = '#91caff';
const VALUE_COLOR = '#1677ff';
const RANK_COLOR = '#fa8c16';

export interface TrendChartLabels {
  value: string;
  rank: string;
  rankOf: (rank: number, of: number) => string;
  rankShort: (rank: number) => string;
}

/**
 * The served city per period: the value on top, the rank below it (1st at the top of its axis), in two
 * stacked grids sharing the periods so neither line hides the other.
 */
export function TrendChart({ points, unit, labels, ariaLabel }: { points: TrendPoint[]; unit: string; labels: TrendChartLabels; ariaLabel: string }) {
  const maxOf = Math.max(1, ...points.map((point) => point.of));
  const periods = points.map((point) => point.period);
  const option = {
    animation: false,
    legend: { data: [labels.value, labels.rank], top: 0 },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: { dataIndex: number }[]) => {
        const point = points[params[0]?.dataIndex ?? 0];
        const value = `${labels.value}：${formatNumber(point.value)}${unit ? ` ${unit}` : ''}`;
        const rank = `${labels.rank}：${point.rank === null ? '—' : labels.rankOf(point.rank, point.of)}`;
        return [point.period, value, rank].join('<br/>');
      },
    },
    grid: [
      { left: 64, right: 32, top: 40, height: '46%' },
      { left: 64, right: 32, top: '68%', bottom: 28 },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: periods, axisLabel: { show: false }, axisTick: { alignWithLabel: true } },
      { type: 'category', gridIndex: 1, data: periods, axisTick: { alignWithLabel: true } },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: unit, scale: true, splitNumber: 3, axisLabel: { formatter: (v: number) => formatNumber(v) } },
      {
        type: 'value',
        gridIndex: 1,
        name: labels.rank,
        inverse: true,
        min: 1,
        max: ({ max }: { max: number }) => Math.min(maxOf, Math.max(max + 1, 3)),
        minInterval: 1,
        splitNumber: 2,
      },
    ],
    series: [
      {
        name: labels.value,
        type: 'line',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: points.map((point) => point.value),
        color: VALUE_COLOR,
        symbolSize: 8,
        label: { show: true, formatter: ({ value }: { value: number | null }) => formatNumber(value) },
      },
      {
        name: labels.rank,
        type: 'line',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: points.map((point) => point.rank),
        color: RANK_COLOR,
        symbolSize: 8,
        label: { show: true, position: 'bottom', formatter: ({ value }: { value: number | null }) => (value ? labels.rankShort(value) : '') },
      },
    ],
  };
  return (
    <div className="chart trend-chart" role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />
    </div>
  );
}

export interface PeerChartLabels {
  benchmark: (name: string, value: string) => string;
}

/**
 * Peers best first (top), 杭州 in its own colour, a vertical line at the benchmark city's value.
 * Regions without data are left out (they have no bar to draw).
 */
export function PeerBarChart({
  items,
  unit,
  labels,
  ariaLabel,
}: {
  items: LeaderboardItem[];
  unit: string;
  labels: PeerChartLabels;
  ariaLabel: string;
}) {
  const shown = items.filter((item) => item.value !== null);
  const benchmark = shown.find((item) => item.benchmark);
  const colorOf = (item: LeaderboardItem) => (item.served ? SERVED_COLOR : item.benchmark ? BENCHMARK_COLOR : PEER_COLOR);
  const option = {
    animation: false,
    grid: { left: 8, right: 72, top: 32, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: { dataIndex: number }[]) => {
        const item = shown[params[0]?.dataIndex ?? 0];
        return `${item.region_name}<br/>${formatNumber(item.value)}${unit ? ` ${unit}` : ''}${item.rank ? `（#${item.rank}）` : ''}`;
      },
    },
    xAxis: { type: 'value', name: unit, scale: true, axisLabel: { formatter: (v: number) => formatNumber(v) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((item) => (item.rank ? `${item.rank}. ${item.region_name}` : item.region_name)),
      axisLabel: {
        formatter: (text: string, index: number) => (shown[index]?.served ? `{served|${text}}` : text),
        rich: { served: { color: SERVED_COLOR, fontWeight: 'bold' } },
      },
    },
    series: [
      {
        type: 'bar',
        data: shown.map((item) => ({ value: item.value, itemStyle: { color: colorOf(item) } })),
        barMaxWidth: 22,
        label: { show: true, position: 'right', formatter: ({ value }: { value: number }) => formatNumber(value) },
        markLine: benchmark
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: BENCHMARK_COLOR, type: 'dashed', width: 2 },
              label: { formatter: labels.benchmark(benchmark.region_name, formatNumber(benchmark.value)), position: 'start' },
              data: [{ xAxis: benchmark.value }],
            }
          : undefined,
      },
    ],
  };
  return (
    <div className="chart peer-chart" role="img" aria-label={ariaLabel}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: Math.max(200, shown.length * 30 + 60) }} />
    </div>
  );
}
