/**
 * A cookie the page sets while the user's Settings do not use the app's own
 * server as the bridge ('off', or another bridge), so that server does not
 * join torrents when their /add page is asked for
 * (tracker-server/routes/add-page-join.ts). Settings live in localStorage,
 * which the server cannot see.
 */
export const OWN_BRIDGE_COOKIE = 'btstream-own-bridge';
const OFF = 'off';

/** The Set-Cookie string (for `document.cookie`) matching the user's bridge setting. */
export function ownBridgeCookie(bridgeSetting: string): string {
  return bridgeSetting === 'default'
    ? `${OWN_BRIDGE_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict`
    : `${OWN_BRIDGE_COOKIE}=${OFF}; Path=/; Max-Age=31536000; SameSite=Strict`;
}

/** Whether a request's Cookie header says the user turned the app's own bridge off. */
export function ownBridgeOff(cookieHeader: string | undefined): boolean {
  return (cookieHeader ?? '').split(';').some((c) => c.trim() === `${OWN_BRIDGE_COOKIE}=${OFF}`);
}
