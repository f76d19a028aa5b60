import { httpGetOf, plainWords } from '../../lib/convert/http-check';

describe('healthcheck commands that are plain local GETs', () => {
  test.each([
    [['curl', '-f', 'http://localhost:8000/api/v1/utils/health-check/'], { path: '/api/v1/utils/health-check/', port: 8000 }],
    [['curl', '-fsS', 'http://127.0.0.1/'], { path: '/', port: 80 }],
    [['curl', '--fail', '--silent', 'http://localhost:3000'], { path: '/', port: 3000 }],
    [['wget', '--spider', '-q', 'http://localhost:8080/health'], { path: '/health', port: 8080 }],
  ])('%j', (argv, target) => {
    expect(httpGetOf(argv)).toEqual(target);
  });

  test.each([
    [['curl', 'http://localhost:8000/']], // no -f: curl succeeds on 500
    [['curl', '-f', 'https://localhost/']], // https probes would need scheme HTTPS and a trusted cert
    [['curl', '-f', 'http://db:5432/']], // a dependency, not the container itself
    [['curl', '-f', '-H', 'Host: x', 'http://localhost/']],
    [['wget', '-O', '/tmp/x', 'http://localhost/', '--post-data=x']],
    [['pg_isready']],
  ])('%j stays exec', (argv) => {
    expect(httpGetOf(argv)).toBeUndefined();
  });

  test('only shell text without shell syntax splits into words', () => {
    expect(plainWords('curl -f http://localhost:80/')).toEqual(['curl', '-f', 'http://localhost:80/']);
    expect(plainWords('curl -f http://localhost/ || exit 1')).toBeUndefined();
    expect(plainWords("bash -c 'echo > /dev/tcp/localhost/8080'")).toBeUndefined();
  });
});
