import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Col, DatePicker, Row, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { periodLabel } from '../../indicators/format';
import { useAsOf } from '../../tasks/hooks';
import { BulletinPanel } from './BulletinPanel';
import { ClustersPanel, RatesPanel, TrendPanel } from './FeedbackPanels';
import { cockpitDates } from './hooks';
import { NationalPanel, ProvincialPanel, StrengthsPanel } from './IndicatorPanels';
import { TasksPanel, WorstUnitsPanel } from './TasksPanels';
import './cockpit.css';

function Group({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  return (
    <section className="ck-group" data-group={name} aria-label={title}>
      <h3 className="ck-group-title">{title}</h3>
      {children}
    </section>
  );
}

/**
 * 驾驶舱: the city leaders' one page. Each panel loads its own data from its service in parallel — tasks-api
 * (tasks, 差生, the latest bulletin), indicators-api (国评 rank, provincial position, 长板/短板), feedback-api (the
 * three rates, the monthly trend, the largest open clusters) — and fails on its own: when a service is down its
 * panels say so and the others keep working. Panels stack on a phone. Read-only.
 */
export function CockpitPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const queryClient = useQueryClient();
  const [asOf, setAsOf] = useAsOf();
  const { day, year, quarter } = cockpitDates(asOf);

  return (
    <div className="cockpit-page">
      <header className="ck-header">
        <div className="ck-heading">
          <Typography.Title level={3} className="ck-title">
            {t('ck.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('ck.subtitle')}</Typography.Text>
        </div>
        <Space wrap size={8} className="ck-controls">
          <Space.Compact>
            <Space.Addon>{t('ck.asOf')}</Space.Addon>
            <DatePicker
              aria-label={t('ck.asOf')}
              value={asOf ? dayjs(asOf) : null}
              onChange={setAsOf}
              placeholder={t('ck.asOfToday')}
              className="ck-asof"
            />
          </Space.Compact>
          <Button icon={<ReloadOutlined />} onClick={() => void queryClient.refetchQueries({ type: 'active' })}>
            {t('ck.refresh')}
          </Button>
        </Space>
        <Typography.Text type="secondary" className="ck-note ck-asof-note">
          {t('ck.asOfNote', { date: day, quarter: periodLabel(quarter, lang) })}
        </Typography.Text>
      </header>

      <Group name="tasks" title={t('ck.group.tasks')}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <TasksPanel me={me} year={year} asOf={asOf} />
          </Col>
          <Col xs={24} lg={10}>
            <WorstUnitsPanel me={me} quarter={quarter} asOf={asOf} />
          </Col>
        </Row>
      </Group>

      <Group name="indicators" title={t('ck.group.indicators')}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <NationalPanel me={me} />
          </Col>
          <Col xs={24} md={12} xl={7}>
            <ProvincialPanel me={me} />
          </Col>
          <Col xs={24} md={12} xl={7}>
            <StrengthsPanel me={me} />
          </Col>
        </Row>
      </Group>

      <Group name="feedback" title={t('ck.group.feedback')}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <RatesPanel me={me} quarter={quarter} />
          </Col>
          <Col xs={24} lg={14}>
            <ClustersPanel me={me} year={year} />
          </Col>
          <Col xs={24}>
            <TrendPanel year={year} />
          </Col>
        </Row>
      </Group>

      <Group name="bulletin" title={t('ck.group.bulletin')}>
        <BulletinPanel me={me} />
      </Group>
    </div>
  );
}
