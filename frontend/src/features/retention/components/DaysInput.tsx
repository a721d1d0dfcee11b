import { NumberInput, type NumberInputProps } from '@mantine/core';

/** A policy's days: a whole number from 0 (at once) to 36 500 (a hundred years). */
export function DaysInput(props: Omit<NumberInputProps, 'min' | 'max' | 'allowDecimal' | 'allowNegative'>) {
  return <NumberInput min={0} max={36500} allowDecimal={false} allowNegative={false} {...props} />;
}
