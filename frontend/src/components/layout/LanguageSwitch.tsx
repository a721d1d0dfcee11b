import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages, setLanguage } from '@/lib/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const labelId = useId();
  return (
    <div>
      <VisuallyHidden id={labelId}>{t('language.label')}</VisuallyHidden>
      <SegmentedControl
        aria-labelledby={labelId}
        data-testid="language-switch"
        size="xs"
        value={i18n.language}
        onChange={(value) => {
          if (isLanguage(value)) void setLanguage(i18n, value);
        }}
        data={languages.map((lang) => ({ value: lang, label: t(`language.${lang}`) }))}
      />
    </div>
  );
}
