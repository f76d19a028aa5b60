import { secretCommands } from '../../lib/convert/secret-commands';

describe('kubectl commands for the Secrets the stack references', () => {
  test('literal values are read from the shell variable of the same name; files by path; external ones are skipped', () => {
    expect(
      secretCommands(
        [
          { name: 'api-env', keys: { SECRET_KEY: { kind: 'literal', variable: 'SECRET_KEY' } } },
          { name: 'db-password', keys: { db_password: { kind: 'file', path: './db/password.txt' } } },
          { name: 'shared', keys: { token: { kind: 'external' } } },
        ],
        'shop',
      ),
    ).toEqual([
      'kubectl -n shop create secret generic api-env \\\n    --from-literal=SECRET_KEY="$SECRET_KEY"',
      'kubectl -n shop create secret generic db-password \\\n    --from-file=db_password=./db/password.txt',
    ]);
  });

  test('the commands are safe to paste: a path or name the shell would read otherwise is quoted', () => {
    expect(
      secretCommands(
        [
          { name: 'files', keys: { cert: { kind: 'file', path: './my certs/$(id).pem' } } },
          { name: 'dotted', keys: { 'app.token': { kind: 'literal', variable: 'app.token' } } },
        ],
        'shop',
      ),
    ).toEqual([
      "kubectl -n shop create secret generic files \\\n    --from-file='cert=./my certs/$(id).pem'",
      "kubectl -n shop create secret generic dotted \\\n    --from-literal=app.token='<value of app.token>'",
    ]);
  });
});
