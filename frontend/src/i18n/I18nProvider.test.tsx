import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Empty } from 'antd';
import dayjs from 'dayjs';
import { I18nProvider, useI18n } from './I18nProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';

function Probe() {
  const { t, label } = useI18n();
  return (
    <div>
      <span data-testid="menu">{t('menu.tasks')}</span>
      <span data-testid="total">{t('admin.total', { total: 7 })}</span>
      <span data-testid="kind">{label('kind', 'district')}</span>
      <span data-testid="unknown">{label('role', 'observer')}</span>
      <span data-testid="date">{dayjs('2026-03-02').format('dddd')}</span>
      <Empty />
      <LanguageSwitch />
    </div>
  );
}

const renderProbe = () =>
  render(
    <I18nProvider>
      <Probe />
    </I18nProvider>,
  );

describe('I18nProvider', () => {
  it('starts in Chinese: shell strings, antd locale and dayjs locale', () => {
    renderProbe();
    expect(screen.getByTestId('menu')).toHaveTextContent('任务台账');
    expect(screen.getByTestId('total')).toHaveTextContent('共 7 条');
    expect(screen.getByTestId('kind')).toHaveTextContent('区县');
    expect(screen.getByTestId('unknown')).toHaveTextContent('observer');
    expect(screen.getByTestId('date')).toHaveTextContent('星期一');
    expect(document.querySelector('.ant-empty-description')).toHaveTextContent('暂无数据');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches everything to English and remembers the choice', async () => {
    const { unmount } = renderProbe();
    await userEvent.click(screen.getByRole('button', { name: /English/ }));

    expect(screen.getByTestId('menu')).toHaveTextContent('Task Ledger');
    expect(screen.getByTestId('total')).toHaveTextContent('7 in total');
    expect(screen.getByTestId('date')).toHaveTextContent('Monday');
    expect(document.querySelector('.ant-empty-description')).toHaveTextContent('No data');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('reform.lang')).toBe('en');

    unmount();
    renderProbe();
    expect(screen.getByTestId('menu')).toHaveTextContent('Task Ledger');
    await userEvent.click(screen.getByRole('button', { name: /中文/ }));
    expect(screen.getByTestId('menu')).toHaveTextContent('任务台账');
    expect(localStorage.getItem('reform.lang')).toBe('zh');
  });
});
