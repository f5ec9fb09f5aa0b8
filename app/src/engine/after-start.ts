/**
 * A call sent to the engine before it answered start(): its answer, or why
 * the engine could not start. Without this, a call to a worker that failed
 * to load would wait forever.
 */
export function afterStart<T>(started: Promise<void>, call: Promise<T>): Promise<T> {
  return Promise.race([call, started.then(() => call)]);
}
