import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { schemasApi, type TypeSchema } from '@/lib/schemasApi';
import { renderWithApp } from '@/testing/render';
import { RecordsNav } from '../components/RecordsNav';

vi.mock('@/lib/schemasApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/schemasApi')>();
  return { ...real, schemasApi: { recordSchemas: vi.fn() } };
});

const type = (name: string, area: string, labelSv: string): TypeSchema => ({
  name, area, location: '', labelSv, labelEn: name, singularSv: labelSv, singularEn: name, writable: true, readRoles: [], onDelete: false, fields: [],
});

beforeEach(() => {
  vi.mocked(schemasApi.recordSchemas).mockResolvedValue([
    type('customer', 'Workcloud', 'Kunder'),
    type('expense', 'Time', 'Utlägg'),
    type('inventory', 'GDPR', 'Inventering'),
    type('permission', 'Settings', 'Behörigheter'),
  ]);
});

const extras = (route: string[]) => ({
  GDPR: { before: <a href="#/settings/search">Sökning</a>, active: route[0] === 'settings' && route[1] === 'search' },
  Settings: { before: <a href="#/settings/users">Användare</a>, active: route[0] === 'settings' && route[1] === 'users' },
});

describe('RecordsNav', () => {
  it('names the areas as the menu does, in Swedish', async () => {
    renderWithApp(<RecordsNav route={[]} extras={extras([])} />, { language: 'sv' });
    expect(await screen.findByTestId('nav-Time')).toHaveTextContent('Tid');
    expect(screen.getByTestId('nav-Settings')).toHaveTextContent('Inställningar');
    expect(screen.queryByText('Time')).toBeNull();
  });

  it('opens and marks the group of a deep link, and only that group', async () => {
    const route = ['settings', 'search'];
    renderWithApp(<RecordsNav route={route} extras={extras(route)} />, { language: 'sv' });
    const gdpr = await screen.findByTestId('nav-GDPR');
    await waitFor(() => expect(gdpr).toHaveAttribute('data-expanded'));
    expect(gdpr).toHaveAttribute('data-holds-screen', 'true');
    expect(screen.getByTestId('nav-Settings')).not.toHaveAttribute('data-holds-screen');
    expect(screen.getByTestId('nav-Settings')).not.toHaveAttribute('data-expanded');
  });

  it('opens the group of a record type the app starts on', async () => {
    const route = ['records', 'permission', 'P1'];
    renderWithApp(<RecordsNav route={route} extras={extras(route)} />, { language: 'sv' });
    const settings = await screen.findByTestId('nav-Settings');
    await waitFor(() => expect(settings).toHaveAttribute('data-holds-screen', 'true'));
    expect(settings).toHaveAttribute('data-expanded');
  });
});
