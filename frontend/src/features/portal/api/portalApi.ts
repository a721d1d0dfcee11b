// Settings > Kundportal (admins) and the portal's erasure-request queue (admins, GDPR
// officers; Go: app_portal.go).
import * as App from '../../../../wailsjs/go/main/App';
import type { main, portal } from '../../../../wailsjs/go/models';
import { call, type Data } from '@/lib/backend';

export type PortalSettings = Data<main.PortalSettings>;
export type PortalStatus = Data<main.PortalStatus>;
export type PortalInvitation = Data<portal.Invitation>;
export type PortalInviteResult = Data<main.PortalInviteResult>;
export type ErasureRequest = Data<portal.ErasureRequest>;

export const portalApi = {
  settings: (): Promise<PortalSettings> => call(() => App.GetPortalSettings()),
  saveSettings: (s: PortalSettings): Promise<void> => call(() => App.SavePortalSettings(s as main.PortalSettings)),
  status: (): Promise<PortalStatus> => call(() => App.GetPortalStatus()),
  start: (): Promise<PortalStatus> => call(() => App.StartPortal()),
  stop: (): Promise<void> => call(() => App.StopPortal()),
  invite: (kind: string, id: string): Promise<PortalInvitation> => call(() => App.InviteToPortal(kind, id)),
  /** The customer card's invitation: the link, sent by SMS where the person has a phone. */
  inviteBySms: (kind: string, id: string): Promise<PortalInviteResult> => call(() => App.InviteToPortalBySMS(kind, id)),
  erasureRequests: (): Promise<ErasureRequest[]> => call(() => App.ListErasureRequests()),
  closeErasureRequest: (id: string, status: 'done' | 'rejected'): Promise<void> => call(() => App.CloseErasureRequest(id, status)),
};
