import { useMutation } from '@tanstack/react-query';
import { App, Button, Dropdown, Space } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { dispositionFilename, indicatorsApi, saveDownload } from '../../api/http';
import { ApiError } from '../../api/problem';
import { errorText } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';

type Layout = 'long' | 'wide';
type Format = 'xlsx' | 'csv';
const CHOICES = [
  ['long', 'xlsx'],
  ['wide', 'xlsx'],
  ['long', 'csv'],
  ['wide', 'csv'],
] as const satisfies readonly (readonly [Layout, Format])[];

/**
 * Downloads the approved values of one framework and period (GET /observations/export), fetched with the
 * bearer token like the ledger's export. The button gives the long Excel; the menu the other layouts.
 */
export function ExportButton({ framework, period }: { framework: string; period: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const exporting = useMutation({
    mutationFn: async ({ layout, format }: { layout: Layout; format: Format }) => {
      const { data, error, response } = await indicatorsApi.GET('/api/indicators/v1/observations/export', {
        params: { query: { framework, period, layout, format } },
        parseAs: 'blob',
      });
      // The problem document's Chinese detail is what the error message shows.
      if (error !== undefined || !data) throw new ApiError(error);
      const fallback = `${framework}_${period}_${layout}.${format}`;
      saveDownload({ blob: data as Blob, filename: dispositionFilename(response.headers.get('Content-Disposition'), fallback) });
    },
    onError: (error) => void message.error(errorText(error, t('exp.failed'))),
  });
  return (
    <Space.Compact className="observations-export">
      <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate({ layout: 'long', format: 'xlsx' })}>
        {exporting.isPending ? t('exp.exporting') : t('exp.button')}
      </Button>
      <Dropdown
        disabled={exporting.isPending}
        trigger={['click']}
        menu={{
          items: CHOICES.map(([layout, format]) => ({ key: `${layout}.${format}`, label: t(`exp.${layout}.${format}`) })),
          onClick: ({ key }) => {
            const [layout, format] = key.split('.') as [Layout, Format];
            exporting.mutate({ layout, format });
          },
        }}
      >
        <Button icon={<DownOutlined />} aria-label={t('exp.more')} />
      </Dropdown>
    </Space.Compact>
  );
}
