import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OperationProgress } from '@/components/ui/OperationProgress';
import { ErrorCode, toBackendError } from '@/lib/backend';
import { exportApi } from '../api/exportApi';
import { errorMessage } from '@/lib/errorMessage';
import { formatCount } from '@/lib/format';
import { useExportFile } from '../api/useExportFile';

function baseName(path: string) {
  return path.split(/[\\/]/).pop() ?? path;
}

/** Export…: the native save dialog, then the export with progress, then where it went. */
export function ExportButton() {
  const { t, i18n } = useTranslation();
  const exportFile = useExportFile();
  const [choosing, setChoosing] = useState(false);

  async function run() {
    let path: string;
    setChoosing(true);
    try {
      path = await exportApi.chooseExportFile();
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
      return;
    } finally {
      setChoosing(false);
    }
    if (!path) return;
    try {
      const result = await exportFile.mutateAsync({ path });
      notifications.show({
        color: 'teal',
        title: t('export.successTitle'),
        message: t('export.success', {
          count: result.total,
          formatted: formatCount(result.total, i18n.language),
          file: baseName(result.path),
        }),
      });
    } catch (err) {
      if (toBackendError(err).code === ErrorCode.Cancelled) {
        notifications.show({ color: 'gray', message: t('export.cancelled') });
        return;
      }
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  const p = exportFile.progress;
  return (
    <>
      {exportFile.isPending && p && (
        <OperationProgress
          done={p.done}
          total={p.total}
          label={(percent) => t('export.progress', { percent })}
          cancelLabel={t('export.cancel')}
          onCancel={() => void exportApi.cancel()}
        />
      )}
      <Button
        variant="default"
        leftSection={<IconFileExport size={18} />}
        loading={choosing || exportFile.isPending}
        onClick={() => void run()}
      >
        {t('export.button')}
      </Button>
    </>
  );
}
