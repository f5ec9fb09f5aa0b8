/** An expected failure of a bridge operation, with the HTTP status that fits it. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}
