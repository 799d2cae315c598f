/** What tests/setup.ts closes after each test. Kept free of heavy imports: the setup file loads it for every test file. */
interface Closable {
  close(): Promise<void>;
}

const open = new Set<Closable>();

/** Closed after the current test (once: closing it earlier by hand is fine), so no test file repeats the clean-up. */
export function closeAfterTest<T extends Closable>(thing: T): T {
  const close = thing.close.bind(thing);
  thing.close = () => {
    if (!open.delete(thing)) return Promise.resolve();
    return close();
  };
  open.add(thing);
  return thing;
}

export async function closeAll(): Promise<void> {
  await Promise.all([...open].map((thing) => thing.close()));
}
