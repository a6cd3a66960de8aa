// A stand-in for the browser's EventSource: records instances, and lets a test open, push and fail them.
type Listener = (ev: Event) => void;

export class MockEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: MockEventSource[] = [];

  readonly url: string;
  readyState = MockEventSource.CONNECTING;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(url: string) {
    this.url = url;
    MockEventSource.instances.push(this);
  }

  addEventListener(type: string, l: Listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(l);
  }

  removeEventListener(type: string, l: Listener) {
    this.listeners.get(type)?.delete(l);
  }

  close() {
    this.readyState = MockEventSource.CLOSED;
  }

  // ---- test helpers ----

  open() {
    this.readyState = MockEventSource.OPEN;
    this.dispatch(new Event('open'));
  }

  /** A server-sent event, e.g. `event: snapshot`. */
  push(type: string, data: unknown) {
    this.dispatch(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  /** A dropped connection (the browser retries) or, with `closed`, one refused for good. */
  fail(closed = false) {
    this.readyState = closed ? MockEventSource.CLOSED : MockEventSource.CONNECTING;
    this.dispatch(new Event('error'));
  }

  private dispatch(ev: Event) {
    this.listeners.get(ev.type)?.forEach((l) => l(ev));
  }

  static install() {
    MockEventSource.instances = [];
    (globalThis as { EventSource?: unknown }).EventSource = MockEventSource;
  }

  static uninstall() {
    delete (globalThis as { EventSource?: unknown }).EventSource;
  }

  static get last(): MockEventSource {
    const es = MockEventSource.instances.at(-1);
    if (!es) throw new Error('no EventSource was opened');
    return es;
  }
}
