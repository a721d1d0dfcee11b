import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { portalApi } from '../api/portalApi';
import { renderWithApp } from '@/testing/render';
import { PortalSettingsScreen } from '../components/PortalSettingsScreen';

vi.mock('../api/portalApi', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/portalApi')>();
  const fns = ['settings', 'saveSettings', 'status', 'start', 'stop', 'invite', 'erasureRequests', 'closeErasureRequest'];
  return { ...real, portalApi: Object.fromEntries(fns.map((f) => [f, vi.fn()])) };
});

const b = vi.mocked(portalApi);
const defaults = { enabled: false, listen: '127.0.0.1:8443', tls_cert: '', tls_key: '', behind_proxy: false, public_url: '', contact: '' };
const request = { id: 'ER1', email: 'anna@example.se', person_kind: 'customer', person_id: 'C1', created: '2026-12-01T10:00:00Z', status: 'open' };

beforeEach(() => vi.clearAllMocks());

describe('PortalSettingsScreen', { timeout: 20000 }, () => {
  it('saves the public address and starts the portal', async () => {
    b.settings.mockResolvedValue(defaults);
    b.status.mockResolvedValue({ running: false, addr: '' });
    b.erasureRequests.mockResolvedValue([]);
    b.saveSettings.mockResolvedValue(undefined);
    b.start.mockResolvedValue({ running: true, addr: '127.0.0.1:8443' });
    renderWithApp(<PortalSettingsScreen admin />);
    expect(await screen.findByText('Stopped')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Public address/), 'https://portal.example.se');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(b.saveSettings).toHaveBeenCalledWith({ ...defaults, public_url: 'https://portal.example.se' }));
    await userEvent.click(screen.getByTestId('portal-start'));
    await waitFor(() => expect(b.start).toHaveBeenCalled());
  });

  it('shows the erasure queue to a GDPR officer, without the settings', async () => {
    b.erasureRequests.mockResolvedValue([request]);
    b.closeErasureRequest.mockResolvedValue(undefined);
    renderWithApp(<PortalSettingsScreen admin={false} />);
    expect(await screen.findByText(/anna@example.se/)).toBeInTheDocument();
    expect(b.settings).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    await waitFor(() => expect(b.closeErasureRequest).toHaveBeenCalledWith('ER1', 'done'));
  });
});
