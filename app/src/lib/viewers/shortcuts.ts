/** Keyboard shortcuts for the open player, as in common web players. */
export function handleShortcut(event: KeyboardEvent, media: HTMLMediaElement): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  // Typing, and native controls that use these keys themselves, come first.
  if (target?.closest('input, textarea, select, button, [contenteditable="true"], video, audio')) return;
  const seek = (by: number): void => {
    media.currentTime = Math.max(0, Math.min(media.duration || Infinity, media.currentTime + by));
  };
  switch (event.key) {
    case ' ':
    case 'k':
      if (media.paused) void media.play();
      else media.pause();
      break;
    case 'ArrowLeft':
      seek(-5);
      break;
    case 'ArrowRight':
      seek(5);
      break;
    case 'j':
      seek(-10);
      break;
    case 'l':
      seek(10);
      break;
    case 'm':
      media.muted = !media.muted;
      break;
    case 'f':
      if (!(media instanceof HTMLVideoElement)) return;
      if (document.fullscreenElement) void document.exitFullscreen();
      else void media.requestFullscreen();
      break;
    default:
      return;
  }
  event.preventDefault();
}
