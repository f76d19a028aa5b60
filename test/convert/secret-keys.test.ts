import { isSecretName, isSecretValue, isSecretVariable } from '../../lib/convert/secret-keys';

describe('secret-looking variables', () => {
  test.each([
    'SECRET_KEY', 'DD_SECRET_KEY', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWD', 'GITHUB_TOKEN', 'STRIPE_API_KEY',
    'JWT_PRIVATE_KEY', 'DD_CREDENTIAL_AES_256_KEY', 'SENTRY_DSN', 'DB_PASS', 'MYSQL_PWD', 'HASH_SALT', 'aws_secret_access_key',
  ])('%s is secret by name', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  test.each(['DEBUG', 'ALLOWED_HOSTS', 'POSTGRES_USER', 'PASSENGER_COUNT', 'REDIS_HOST', 'PGDATA', 'VALKEY_ADDR', 'KEYCLOAK_URL'])('%s is not secret by name', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  test.each(['POSTGRES_PASSWORD_FILE', 'TLS_KEY_PATH', 'SECRETS_DIR'])('%s names a file, so it is not secret by name', (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  test.each([
    'postgresql://defectdojo:defectdojo@postgres:5432/defectdojo',
    'redis://:hunter2@cache:6379/0',
    'amqp://guest:guest@rabbitmq//',
    'Host=db;Username=astronomy_user;Password=astronomy_password;Database=astronomy_db',
    'mongodb://db/app?authSource=admin&password=x1',
    'jdbc:postgresql://app:s3cret@db:5432/app',
  ])('%s carries a password', (value) => {
    expect(isSecretValue(value)).toBe(true);
  });

  test.each(['redis://valkey:6379/0', 'http://user@host/', 'postgres://db/app', 'plain text: with @ sign'])('%s carries none', (value) => {
    expect(isSecretValue(value)).toBe(false);
  });

  test('a variable is secret by name or by value; valueless ones by name only', () => {
    expect(isSecretVariable('DATABASE_URL', 'postgres://saleor:saleor@db/saleor')).toBe(true);
    expect(isSecretVariable('DATABASE_URL', 'postgres://db/saleor')).toBe(false);
    expect(isSecretVariable('API_TOKEN', null)).toBe(true);
    expect(isSecretVariable('AD_PORT', null)).toBe(false);
  });
});
