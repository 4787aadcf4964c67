import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { TierLadder } from './TierLadder';
import { renderApp } from '../../test/render';
import { served, servedAtRank } from '../../test/indicatorFixtures';

const rungs = () => [...document.querySelectorAll<HTMLElement>('.ladder-rung')];
const reached = () => rungs().filter((rung) => rung.dataset.reached === 'true').map((rung) => rung.dataset.rung);

describe('TierLadder (保五争四冲三)', () => {
  it.each([
    [3, 'stretch_met', '冲三达成', ['stretch', 'target', 'floor']],
    [4, 'target_met', '争四达成', ['target', 'floor']],
    [5, 'floor_held', '保五守住', ['floor']],
    [6, 'below_floor', '未保五', []],
  ])('rank %i is %s: tag %s and the rungs it reached', (rank, tier, text, rungsReached) => {
    renderApp(<TierLadder status={servedAtRank(rank)} unit="分" benchmarkName="上海市" />);

    const ladder = document.querySelector<HTMLElement>('.tier-ladder')!;
    expect(ladder.dataset.tier).toBe(tier);
    expect(within(ladder).getByText(text)).toHaveAttribute('data-tier', tier);
    expect(document.querySelector('.ladder-rank-number')).toHaveAttribute('data-rank', String(rank));
    expect(screen.getByText('总体名次 · 保五争四冲三')).toBeInTheDocument();
    // Top rung first: 冲三 (3rd), 争四 (4th), 保五 (5th).
    expect(rungs().map((rung) => rung.querySelector('.ladder-rung-name')!.textContent)).toEqual(['冲三', '争四', '保五']);
    expect(reached()).toEqual(rungsReached);
  });

  it('says what the unreached rungs need and the gap to the benchmark city', () => {
    renderApp(<TierLadder status={served()} unit="分" benchmarkName="上海市" />);

    const [stretch, target, floor] = rungs();
    expect(stretch).toHaveTextContent('需达到 77.14 分（还差 8.93 分）');
    expect(target).toHaveTextContent('需达到 73.45 分（还差 5.24 分）');
    expect(within(floor).getByText('已达成')).toBeInTheDocument();
    expect(screen.getByText(/与对标城市上海市差距：\+14\.36 分/)).toBeInTheDocument();
    expect(screen.getByText(/上期（2024年）第 5 名，名次持平/)).toBeInTheDocument();
  });

  it('names the provincial ladder after its own targets (保三争二冲一)', () => {
    renderApp(<TierLadder status={served({ rank: 2, tier: 'target_met', rank_targets: { floor: 3, target: 2, stretch: 1 } })} unit="分" />);
    expect(screen.getByText('总体名次 · 保三争二冲一')).toBeInTheDocument();
    expect(screen.getByText('争二达成')).toBeInTheDocument();
  });

  it('renders nothing without rank targets', () => {
    renderApp(<TierLadder status={served({ rank_targets: null, tier: null })} unit="分" />);
    expect(document.querySelector('.tier-ladder')).toBeNull();
  });
});
