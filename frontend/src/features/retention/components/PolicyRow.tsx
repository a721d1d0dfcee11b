import { Badge, Group, SegmentedControl, Switch, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionPolicy } from '../api/retentionApi';
import { errorMessage } from '@/lib/errorMessage';
import { pick } from '@/lib/i18n/pick';
import { useSetPolicy } from '../api/useRetention';
import { DaysInput } from './DaysInput';
import { EnablePolicyModal } from './EnablePolicyModal';
import { clockText, type Translate } from './retentionText';

/** One type's policy: on or off, after how many days, anonymise or delete; switching on asks first. */
export function PolicyRow({ policy: p }: { policy: RetentionPolicy }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const save = useSetPolicy();
  const [days, setDays] = useState<string | number>(p.days);
  const [savedDays, setSavedDays] = useState(p.days);
  if (savedDays !== p.days) {
    // The policy changed elsewhere (another save, a refresh): follow it.
    setSavedDays(p.days);
    setDays(p.days);
  }
  const label = pick(lang, p.labelSv, p.labelEn);
  // Switching on, or shortening the days while on: asked in a dialog with a preview (null: closed).
  const [asking, setAsking] = useState<{ days: number | null } | null>(null);

  async function change(c: { enabled?: boolean; days?: number; onDelete?: string }) {
    try {
      await save.mutateAsync({ type: p.type, ...c });
    } catch (err) {
      setDays(p.days);
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  }

  function commitDays() {
    const n = typeof days === 'number' ? days : Number.parseInt(days, 10);
    if (Number.isNaN(n)) {
      setDays(p.days);
      return;
    }
    if (n === p.days) return;
    if (p.enabled && n < p.days) {
      setDays(p.days);
      setAsking({ days: n });
      return;
    }
    void change({ days: n });
  }

  const fieldList = p.fields.map((f) => pick(lang, f.labelSv, f.labelEn)).join(', ');
  return (
    <Table.Tr data-testid={`policy-${p.type}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`areas.${p.area as 'GDPR'}`, { defaultValue: p.area })}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{clockText(t as Translate, p, lang)}</Text>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={p.enabled}
          disabled={p.fixed || save.isPending}
          onChange={(e) => (e.currentTarget.checked ? setAsking({ days: null }) : void change({ enabled: false }))}
          aria-label={t('retention.table.enabledLabel', { type: label })}
        />
      </Table.Td>
      <Table.Td>
        {p.fixed ? (
          <Group gap={6}>
            <Text size="sm">
              {p.months > 0
                ? t('retention.table.fixedMonths', { count: p.months })
                : t('retention.table.fixedDays', { count: p.days })}
            </Text>
            <Badge size="xs" variant="outline" color="gray">
              {t('retention.table.fixed')}
            </Badge>
          </Group>
        ) : (
          <DaysInput
            size="xs"
            value={days}
            onChange={setDays}
            onBlur={commitDays}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitDays();
            }}
            aria-label={t('retention.table.daysLabel', { type: label })}
            description={p.days === 0 && p.enabled ? t('retention.table.atOnce') : undefined}
            w={110}
          />
        )}
        {asking && (
          <EnablePolicyModal policy={p} label={label} clock={clockText(t as Translate, p, lang)} initialDays={asking.days} onClose={() => setAsking(null)} />
        )}
      </Table.Td>
      <Table.Td>
        {p.onDelete ? (
          <SegmentedControl
            size="xs"
            value={p.onDelete}
            disabled={save.isPending}
            onChange={(v) => void change({ onDelete: v })}
            aria-label={t('retention.table.onDeleteLabel', { type: label })}
            data={[
              { value: 'anonymise', label: t('retention.table.anonymise') },
              { value: 'delete', label: t('retention.table.delete') },
            ]}
          />
        ) : (
          <Text size="sm" c="dimmed">
            –
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {p.deleteRow ? (
          <Text size="sm">{t('retention.table.deleteRow')}</Text>
        ) : (
          <Tooltip label={fieldList} multiline w={320} withArrow disabled={!fieldList}>
            <Text size="sm" c="dimmed" style={{ cursor: 'help' }} tabIndex={0}>
              {t('retention.table.fields', { count: p.fields.length })}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
