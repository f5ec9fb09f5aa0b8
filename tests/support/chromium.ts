/** Debian's Chromium and the flags every test and bench browser runs with. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // This machine's network is loopback only: no background calls home.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // WebRTC between tabs and local peers needs loopback candidates with plain IPs.
  '--allow-loopback-in-peer-connection',
  // Chromium 156 renders a hidden omnibox popup (two WebUI pages) per window,
  // which kept 10-25 % of a core busy with no page open: measured with
  // CDP SystemInfo.getProcessInfo, on a machine with 2 cores.
  '--disable-features=WebRtcHideLocalIpsWithMdns,WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  '--autoplay-policy=no-user-gesture-required',
];
