import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { GAIB, me, office, scjgUser } from '../../test/fixtures';
import { BulletinPage } from './BulletinPage';
import { BULLETIN_ID, PUBLISHED_ID, bulletinRead, published } from './testData';

const leader = () => me('leader', ['leader']);

function renderDetail(user: Me, id = BULLETIN_ID) {
  return renderApp(
    <Routes>
      <Route path="/bulletins" element={<p>list page</p>} />
      <Route path="/bulletins/:id" element={<BulletinPage me={user} />} />
    </Routes>,
    { route: `/bulletins/${id}` },
  );
}

describe('BulletinPage', { timeout: 30_000 }, () => {
  it('renders the draft as an official notice from its snapshot', async () => {
    mockApi({ [`GET /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => jsonResponse(200, bulletinRead()) });
    renderDetail(office());

    const paper = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.bl-paper');
      if (!found) throw new Error('not rendered');
      return found;
    });
    expect(within(paper).getByText(GAIB.name, { selector: '.bl-issuer' })).toBeInTheDocument();
    expect(paper.querySelector('.bl-doc-number')).toHaveTextContent('（发布时编号）');
    expect(paper.querySelector('.bl-draft-mark')).toHaveTextContent('（草稿）');
    expect(within(paper).getByRole('heading', { name: '关于2026年10月营商环境优化提升重点任务推进情况的通报' })).toBeInTheDocument();
    expect(within(paper).getByText(/现将2026年10月营商环境优化提升重点任务推进情况通报如下（数据截至 2026-10-31）/)).toBeInTheDocument();
    expect(within(paper).getByText(/年度任务共12项，已完成3项.*节点按时完成率66.67%/)).toBeInTheDocument();
    // 一、… 五、 in order.
    expect([...paper.querySelectorAll('.bl-heading')].map((h) => h.textContent)).toEqual([
      '一、总体情况',
      '二、单位晾晒排名',
      '三、优生与差生',
      '四、逾期事项',
      '五、进展亮点',
    ]);
    // The league table with full names, 优生/差生 highlighted, the unranked unit greyed with 条目不足.
    const rows = [...paper.querySelectorAll<HTMLElement>('.bl-league .bl-league-row')];
    expect(rows.map((row) => row.dataset.state)).toEqual(['best', 'ranked', 'worst', 'unranked']);
    expect(within(rows[0]).getByText('市发展和改革委员会')).toBeInTheDocument();
    expect(within(rows[3]).getByText('条目不足')).toBeInTheDocument();
    expect(paper.querySelector('.bl-best')).toHaveTextContent('优生：市发展和改革委员会');
    expect(paper.querySelector('.bl-worst')).toHaveTextContent('差生：西湖区人民政府');
    expect(within(paper).getByText('西湖区人民政府（1项）：')).toBeInTheDocument();
    expect(within(paper).getByText('已超过完成时限（2026-06-30）仍未完成')).toBeInTheDocument();
    expect(within(paper).getAllByRole('link', { name: '2026-SC-051' })[0]).toHaveAttribute('href', '/tasks/2026-SC-051?as_of=2026-10-31');
    expect(within(paper).getByText('20% → 60%')).toBeInTheDocument();
    expect(paper.querySelector('.bl-signature')).toHaveTextContent(`${GAIB.name}（发布时填写日期）`);

    // The office may act on a draft.
    for (const name of [/下载公文（Word）/, /下载数据（Excel）/, /重新生成/, /删除草稿/, /发\s*布/]) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
  });

  it('lets a leader read a draft and download it, but not change it', async () => {
    mockApi({ [`GET /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => jsonResponse(200, bulletinRead()) });
    renderDetail(leader());
    await screen.findByText('草稿仅改革办和市领导可见，发布后才送达各单位。');
    expect(screen.getByRole('button', { name: /下载公文（Word）/ })).toBeInTheDocument();
    for (const name of [/重新生成/, /删除草稿/, /send\s*发\s*布$/]) expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
  });

  it('publishes a draft after confirmation and shows its number and date', async () => {
    const bodies: unknown[] = [];
    mockApi({
      [`GET /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => jsonResponse(200, bulletinRead()),
      [`POST /api/tasks/v1/bulletins/${BULLETIN_ID}/publish`]: async (request) => {
        bodies.push(await request.json());
        return jsonResponse(200, published({ id: BULLETIN_ID, number: '杭营商改〔2026〕4号', issued_on: '2026-11-06' }));
      },
    });
    renderDetail(office());
    await userEvent.click(await screen.findByRole('button', { name: /send\s*发\s*布$/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/不能再修改或删除/)).toBeInTheDocument();
    await userEvent.clear(within(dialog).getByLabelText('发文日期'));
    await userEvent.type(within(dialog).getByLabelText('发文日期'), '2026-11-06{enter}');
    await userEvent.click(within(dialog).getByRole('button', { name: /确认发布/ }));

    await waitFor(() => expect(bodies).toEqual([{ issued_on: '2026-11-06' }]));
    expect(await screen.findByText('已发布：文号 杭营商改〔2026〕4号，发文日期 2026-11-06，已送达 48 个单位。')).toBeInTheDocument();
    expect(document.querySelector('.bl-doc-number')).toHaveTextContent('杭营商改〔2026〕4号');
    expect(document.querySelector('.bl-signature')).toHaveTextContent('2026-11-06');
    // Published: no more draft actions.
    expect(screen.queryByRole('button', { name: /删除草稿/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /重新生成/ })).not.toBeInTheDocument();
  });

  it('requires an issue date and offers none before the data date', async () => {
    const bodies: unknown[] = [];
    mockApi({
      [`GET /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => jsonResponse(200, bulletinRead()),
      [`POST /api/tasks/v1/bulletins/${BULLETIN_ID}/publish`]: async (request) => {
        bodies.push(await request.json());
        return jsonResponse(200, published());
      },
    });
    renderDetail(office());
    await userEvent.click(await screen.findByRole('button', { name: /send\s*发\s*布$/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('不得早于数据截至日期 2026-10-31')).toBeInTheDocument();
    await userEvent.click(dialog.querySelector<HTMLElement>('.ant-picker-clear')!);
    await userEvent.click(within(dialog).getByRole('button', { name: /确认发布/ }));
    expect(await within(dialog).findByText('请选择发文日期')).toBeInTheDocument();
    expect(bodies).toHaveLength(0);
  });

  it('shows the API\'s conflict when publishing fails', async () => {
    mockApi({
      [`GET /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => jsonResponse(200, bulletinRead()),
      [`POST /api/tasks/v1/bulletins/${BULLETIN_ID}/publish`]: () =>
        jsonResponse(404, { title: '未找到', status: 404, code: 'plans.not_found', detail: '2026 年的年度计划不存在，无法编号。' }),
    });
    renderDetail(office());
    await userEvent.click(await screen.findByRole('button', { name: /send\s*发\s*布$/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /确认发布/ }));
    expect(await within(dialog).findByText('2026 年的年度计划不存在，无法编号。')).toBeInTheDocument();
  });

  it('deletes a draft only after confirmation, then returns to the list', async () => {
    let deleted = 0;
    mockApi({
      [`GET /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => jsonResponse(200, bulletinRead()),
      [`DELETE /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => {
        deleted += 1;
        return new Response(null, { status: 204 });
      },
    });
    renderDetail(office());
    await userEvent.click(await screen.findByRole('button', { name: /删除草稿/ }));
    const confirm = await screen.findByText('删除这份通报草稿？');
    expect(deleted).toBe(0);
    const popover = confirm.closest('.ant-popover') as HTMLElement;
    await userEvent.click(within(popover).getByRole('button', { name: /删\s*除/ }));
    expect(await screen.findByText('list page')).toBeInTheDocument();
    expect(deleted).toBe(1);
  });

  it('regenerates a draft for another statistics date', async () => {
    const bodies: unknown[] = [];
    mockApi({
      [`GET /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => jsonResponse(200, bulletinRead()),
      [`POST /api/tasks/v1/bulletins/${BULLETIN_ID}/regenerate`]: async (request) => {
        bodies.push(await request.json());
        return jsonResponse(200, bulletinRead({ as_of: '2026-10-20' }));
      },
    });
    renderDetail(office());
    await userEvent.click(await screen.findByRole('button', { name: /重新生成/ }));
    const dialog = await screen.findByRole('dialog');
    const asOf = within(dialog).getByLabelText('数据截至日期');
    await userEvent.clear(asOf);
    await userEvent.type(asOf, '2026-10-20{enter}');
    await userEvent.click(within(dialog).getByRole('button', { name: /重新生成/ }));
    await waitFor(() => expect(bodies).toEqual([{ as_of: '2026-10-20', title: null }]));
    expect(await screen.findByText('草稿已按最新数据重新生成')).toBeInTheDocument();
  });

  it('shows a unit the published notice with its 文号, delivery and no office actions', async () => {
    mockApi({ [`GET /api/tasks/v1/bulletins/${PUBLISHED_ID}`]: () => jsonResponse(200, published()) });
    renderDetail(scjgUser(), PUBLISHED_ID);
    expect(await screen.findByText('送达 48 个单位 · 已读 12')).toBeInTheDocument();
    expect(document.querySelector('.bl-doc-number')).toHaveTextContent('杭营商改〔2026〕3号');
    expect(document.querySelector('.bl-draft-mark')).toBeNull();
    expect(screen.queryByRole('button', { name: /删除草稿/ })).not.toBeInTheDocument();
    // The 历次通报 tab (active under a bulletin) leads back to the list.
    await userEvent.click(screen.getByRole('tab', { name: '历次通报' }));
    expect(await screen.findByText('list page')).toBeInTheDocument();
  });

  it('reports a bulletin that is not visible as a problem', async () => {
    mockApi({
      [`GET /api/tasks/v1/bulletins/${BULLETIN_ID}`]: () => jsonResponse(404, { title: '未找到', status: 404, detail: '通报不存在或无权查看。' }),
    });
    renderDetail(scjgUser());
    expect(await screen.findByText('通报不存在或无权查看。')).toBeInTheDocument();
  });
});
