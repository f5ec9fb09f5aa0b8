import type { ChannelInit } from '../../shared/rtc-protocol';

type Handler<E extends Event = Event> = ((ev: E) => void) | null;

/**
 * Stands in for an RTCDataChannel the page is still creating. The real
 * channel is transferred to the worker a moment later; until then this keeps
 * the settings and handlers simple-peer sets, and reports 'connecting'.
 * A channel that arrives already open gets its 'open' event fired here.
 */
export class WorkerDataChannel {
  readonly label: string;
  readonly ordered: boolean;
  onopen: Handler = null;
  onclose: Handler = null;
  onclosing: Handler = null;
  onerror: Handler = null;
  onmessage: Handler<MessageEvent> = null;
  onbufferedamountlow: Handler = null;

  #real: RTCDataChannel | null = null;
  #binaryType: BinaryType = 'blob';
  #threshold = 0;
  #closed = false;
  #opened = false;

  constructor(label: string, init: ChannelInit = {}) {
    this.label = label;
    this.ordered = init.ordered ?? true;
  }

  static from(real: RTCDataChannel): WorkerDataChannel {
    const channel = new WorkerDataChannel(real.label, { ordered: real.ordered });
    channel.attach(real);
    return channel;
  }

  get readyState(): RTCDataChannelState {
    return this.#real?.readyState ?? (this.#closed ? 'closed' : 'connecting');
  }

  get bufferedAmount(): number {
    return this.#real?.bufferedAmount ?? 0;
  }

  get bufferedAmountLowThreshold(): number {
    return this.#threshold;
  }

  set bufferedAmountLowThreshold(value: number) {
    this.#threshold = value;
    if (this.#real) this.#real.bufferedAmountLowThreshold = value;
  }

  get binaryType(): BinaryType {
    return this.#binaryType;
  }

  set binaryType(value: BinaryType) {
    this.#binaryType = value;
    if (this.#real) this.#real.binaryType = value;
  }

  send(data: string | ArrayBuffer | ArrayBufferView): void {
    if (!this.#real || this.#real.readyState !== 'open') {
      throw new DOMException('RTCDataChannel is not open', 'InvalidStateError');
    }
    this.#real.send(data as ArrayBuffer);
  }

  close(): void {
    this.#closed = true;
    this.#real?.close();
  }

  attach(real: RTCDataChannel): void {
    this.#real = real;
    real.binaryType = this.#binaryType;
    real.bufferedAmountLowThreshold = this.#threshold;
    real.onopen = (ev) => this.#open(ev);
    real.onmessage = (ev: MessageEvent) => this.onmessage?.(ev);
    real.onclose = (ev) => this.onclose?.(ev);
    real.onclosing = (ev) => this.onclosing?.(ev);
    real.onerror = (ev) => this.onerror?.(ev);
    real.onbufferedamountlow = (ev) => this.onbufferedamountlow?.(ev);
    if (this.#closed) real.close();
    else if (real.readyState === 'open') queueMicrotask(() => this.#open(new Event('open')));
  }

  #open(ev: Event): void {
    if (this.#opened) return;
    this.#opened = true;
    this.onopen?.(ev);
  }
}
