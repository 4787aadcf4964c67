import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderApp } from '../../test/render';
import { FGW, fgwUser, me, office, SCJG, scjgUser } from '../../test/fixtures';
import { mirroredActions } from './clusters/permissions';
import { FeedbackSections, sectionsFor } from './FeedbackNav';
import { decidesRepeat } from './repeats/permissions';
import { Where } from './testUtils';

describe('feedback sections and who may act', () => {
  it('offers clusters to the office and leaders, ratings to everyone but special groups, the knowledge base to all staff, quality to office and leaders', () => {
    expect(sectionsFor(office())).toEqual(['cases', 'clusters', 'repeats', 'league', 'ratings', 'knowledge', 'quality']);
    expect(sectionsFor(me('leader', ['leader']))).toEqual(['cases', 'clusters', 'repeats', 'league', 'ratings', 'knowledge', 'quality']);
    expect(sectionsFor(scjgUser())).toEqual(['cases', 'repeats', 'league', 'ratings', 'knowledge']);
    expect(sectionsFor(me('group', ['group_lead']))).toEqual(['cases', 'clusters', 'repeats', 'league', 'knowledge']);
  });

  it('mirrors the API: confirm only a suggestion, a task only from a confirmed cluster without one', () => {
    expect(mirroredActions({ status: 'suggested', task_code: null })).toEqual(['confirm', 'edit', 'merge', 'split', 'add_cases', 'remove_case', 'dismiss']);
    expect(mirroredActions({ status: 'confirmed', task_code: null })).toContain('create_task');
    expect(mirroredActions({ status: 'confirmed', task_code: 'RW-1' })).not.toContain('dismiss');
    expect(mirroredActions({ status: 'merged', task_code: null })).toEqual([]);
  });

  it('lets the office or the main unit decide a repeat flag, not a co-unit', () => {
    const c = { main_unit: SCJG, co_units: [FGW] };
    expect(decidesRepeat(office(), c)).toBe(true);
    expect(decidesRepeat(scjgUser(), c)).toBe(true);
    expect(decidesRepeat(fgwUser(), c)).toBe(false);
    expect(decidesRepeat(me('leader', ['leader']), c)).toBe(false);
  });

  it('shows the tabs above a section and navigates between them', async () => {
    renderApp(
      <Routes>
        <Route path="/feedback" element={<FeedbackSections me={scjgUser()} />}>
          <Route index element={<p>cases</p>} />
          <Route path="league" element={<Where />} />
          <Route path="knowledge" element={<Where />} />
        </Route>
      </Routes>,
      { route: '/feedback' },
    );
    expect(screen.getByRole('tab', { name: '诉求办理' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('tab', { name: '举一反三' })).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: '晾晒排名' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/feedback/league'));
    expect(screen.getByRole('tab', { name: '晾晒排名' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('tab', { name: '分派质量' })).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: '知识库' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/feedback/knowledge'));
    expect(screen.getByRole('tab', { name: '知识库' })).toHaveAttribute('aria-selected', 'true');
  });

  it('marks the dispatch quality tab on its page for leaders', () => {
    renderApp(
      <Routes>
        <Route path="/feedback" element={<FeedbackSections me={me('leader', ['leader'])} />}>
          <Route path="dispatch-quality" element={<Where />} />
        </Route>
      </Routes>,
      { route: '/feedback/dispatch-quality' },
    );
    expect(screen.getByRole('tab', { name: '分派质量' })).toHaveAttribute('aria-selected', 'true');
  });
});
