import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OperationProgress } from '@/components/ui/OperationProgress';
import { ErrorCode, toBackendError } from '@/lib/backend';
import { importApi, type ImportProblem } from '../api/importApi';
import { errorMessage } from '@/lib/errorMessage';
import { formatCount } from '@/lib/format';
import { useImportFiles } from '../api/useImportFiles';
import { ImportProblems } from './ImportProblems';

/** Import…: the native open dialog, then the import with progress, then the outcome. */
export function ImportButton() {
  const { t, i18n } = useTranslation();
  const importFiles = useImportFiles();
  const [choosing, setChoosing] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[]>([]);

  async function run() {
    let paths: string[];
    setChoosing(true);
    try {
      paths = await importApi.chooseImportFiles();
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
      return;
    } finally {
      setChoosing(false);
    }
    if (paths.length === 0) return;
    try {
      const result = await importFiles.mutateAsync(paths);
      if (result.problems.length > 0) {
        setProblems(result.problems);
        return;
      }
      notifications.show({
        color: 'teal',
        title: t('import.successTitle'),
        message: t('import.success', { count: result.total, formatted: formatCount(result.total, i18n.language) }),
      });
    } catch (err) {
      if (toBackendError(err).code === ErrorCode.Cancelled) {
        notifications.show({ color: 'gray', message: t('import.cancelled') });
        return;
      }
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  const p = importFiles.progress;
  return (
    <>
      <Button
        leftSection={<IconFileImport size={18} />}
        loading={choosing || importFiles.isPending}
        onClick={() => void run()}
      >
        {t('import.button')}
      </Button>
      {importFiles.isPending && p && (
        <OperationProgress
          done={p.done}
          total={p.total}
          label={(percent) => t('import.progress', { percent })}
          cancelLabel={t('import.cancel')}
          onCancel={() => void importApi.cancel()}
        />
      )}
      {problems.length > 0 && <ImportProblems problems={problems} onClose={() => setProblems([])} />}
    </>
  );
}
