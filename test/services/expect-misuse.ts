import { MisuseError, type MisuseCode } from '../../lib/kube/misuse';

/** THEN: the call throws a MisuseError with this code, naming the construct path and the offending value. */
export function expectMisuse(build: () => unknown, code: MisuseCode, path: string, value?: unknown): MisuseError {
  let thrown: unknown;
  try {
    build();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(MisuseError);
  const error = thrown as MisuseError;
  expect({ code: error.code, path: error.path }).toEqual({ code, path });
  if (value !== undefined) expect(error.value).toEqual(value);
  expect(error.message).toContain(`[${path}]`);
  expect(error.fix.length).toBeGreaterThan(0);
  return error;
}
