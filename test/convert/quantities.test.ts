import { bytesToQuantity, cpusToQuantity } from '../../lib/convert/quantities';

describe('Compose sizes and cpus as Kubernetes quantities', () => {
  test.each([
    [300 * 2 ** 20, '300Mi'],
    [2 ** 30, '1Gi'],
    [1536 * 2 ** 20, '1536Mi'],
    [64 * 2 ** 10, '64Ki'],
    [1000, '1000'],
    [2 * 2 ** 40, '2Ti'],
  ])('%d bytes -> %s', (bytes, quantity) => {
    expect(bytesToQuantity(bytes)).toBe(quantity);
  });

  test.each([
    [0.5, '500m'],
    [2, '2'],
    [0.25, '250m'],
    [1.5, '1500m'],
    [0.0001, '1m'],
    [0.1, '100m'],
  ])('%d cpus -> %s', (cpus, quantity) => {
    expect(cpusToQuantity(cpus)).toBe(quantity);
  });
});
