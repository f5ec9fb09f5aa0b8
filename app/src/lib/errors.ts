/**
 * The message to show for a failure. Engine and input errors are written for
 * users, so their message is shown as-is.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message !== '') return err.message;
  if (typeof err === 'string' && err !== '') return err;
  return 'Something went wrong. Please try again.';
}
