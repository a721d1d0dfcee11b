import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { navigate } from '@/lib/router';
import { useSchemas } from '../api/records';
import { RecordDetail, type RecordActions } from './RecordDetail';
import { RecordForm, type StepUpDialog } from './RecordForm';
import { RecordList } from './RecordList';

/**
 * The record screens for any type, by route: #/records/<type> (list), #/records/<type>/new,
 * #/records/<type>/<id> (detail) and #/records/<type>/<id>/edit.
 */
export function RecordsScreen({ route, stepUp, actions }: { route: string[]; stepUp?: StepUpDialog; actions?: RecordActions }) {
  const { t } = useTranslation();
  const schemas = useSchemas();
  const [type = '', id = '', action = ''] = route;
  if (schemas.isPending) return <Text c="dimmed">{t('records.list.loading')}</Text>;
  if (schemas.isError) return <ErrorAlert error={schemas.error} />;
  const schema = schemas.data.find((s) => s.name === type);
  if (!schema) return <Text c="dimmed">{t('records.chooseType')}</Text>;
  const list = () => navigate('records', type);
  const open = (rid: string) => navigate('records', type, rid);
  if (id === 'new') return <RecordForm key={`${type}-new`} schema={schema} onDone={open} onCancel={list} stepUp={stepUp} />;
  if (id && action === 'edit') return <RecordForm key={`${type}-${id}-edit`} schema={schema} id={id} onDone={open} onCancel={() => open(id)} stepUp={stepUp} />;
  if (id) return <RecordDetail key={`${type}-${id}`} schema={schema} id={id} onBack={list} onEdit={() => navigate('records', type, id, 'edit')} onDeleted={list} actions={actions} />;
  return <RecordList key={type} schema={schema} onOpen={open} onNew={() => navigate('records', type, 'new')} />;
}
