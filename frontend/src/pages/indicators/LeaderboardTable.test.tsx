import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { LeaderboardTable } from './LeaderboardTable';
import { renderApp } from '../../test/render';
import { item, ZHEJIANG_ITEMS } from '../../test/indicatorFixtures';

const bodyRows = () => [...document.querySelectorAll<HTMLTableRowElement>('.leaderboard-table tbody tr.ant-table-row')];

describe('LeaderboardTable', () => {
  it('orders best first whatever the given order, ties share a rank, regions without data last', () => {
    const [hangzhou, ningbo, shaoxing, huzhou, jiaxing] = ZHEJIANG_ITEMS;
    const zhoushan = item({ region: '330900', region_name: '舟山市', value: null, rank: null, percentile: null, score: null });
    renderApp(<LeaderboardTable items={[zhoushan, jiaxing, shaoxing, hangzhou, huzhou, ningbo]} unit="分" />);

    const names = bodyRows().map((row) => row.cells[1].textContent);
    expect(names).toEqual(['杭州市本市', '宁波市', '绍兴市', '湖州市', '嘉兴市', '舟山市']);
    expect(bodyRows().map((row) => row.querySelector('.lb-rank')?.getAttribute('data-rank') ?? null)).toEqual(['1', '2', '3', '3', '5', null]);
    expect(bodyRows()[2]).toHaveTextContent('3 并列');
    expect(bodyRows()[3]).toHaveTextContent('3 并列');
    expect(bodyRows()[4]).not.toHaveTextContent('并列');
    expect(bodyRows().at(-1)).toHaveTextContent('舟山市');
    expect(bodyRows().at(-1)).toHaveTextContent('暂无数据');
  });

  it('highlights the served city and tags the benchmark city', () => {
    const items = [
      item({ region: '310000', region_name: '上海市', value: 89.52, rank: 2, benchmark: true }),
      item({ region: '330100', region_name: '杭州市', value: 90.05, rank: 1, served: true }),
      item({ region: '440100', region_name: '广州市', value: 88.55, rank: 3 }),
    ];
    renderApp(<LeaderboardTable items={items} unit="分" />);

    const [first, second, third] = bodyRows();
    expect(first).toHaveClass('lb-row-served');
    expect(first).toHaveAttribute('data-served', 'true');
    expect(within(first).getByText('本市')).toBeInTheDocument();
    expect(within(first).getByText('90.05 分')).toBeInTheDocument();
    expect(second).not.toHaveClass('lb-row-served');
    expect(within(second).getByText('对标')).toBeInTheDocument();
    expect(third).not.toHaveClass('lb-row-served');
    expect(document.querySelectorAll('.lb-row-served')).toHaveLength(1);
  });
});
