// The prebuilt browser bundle has no types; webtorrent.ts gives it ours.
declare module 'webtorrent/dist/webtorrent.min.js' {
  const WebTorrent: unknown;
  export default WebTorrent;
}
