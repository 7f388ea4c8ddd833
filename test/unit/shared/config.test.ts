import { expect } from 'chai';
import { ConfigError, loadConfig } from '@muster/shared';

describe('loadConfig', () => {
  it('gives working local defaults in development', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.port).to.equal(3000);
    expect(config.redis.url).to.equal('redis://127.0.0.1:6379');
    expect(config.mongo.url).to.equal('mongodb://127.0.0.1:27017/muster');
    expect(config.s3.endpoint).to.equal('http://127.0.0.1:7070');
    expect(config.limits.maxUploadMb).to.equal(150);
  });

  it('reads and normalises every variable', () => {
    const config = loadConfig({
      AUTH_JWT_SECRET: 'a-private-value-for-this-test-only-0123456789',
      PORT: '8080',
      REDIS_URL: 'redis://cache:6380',
      MONGO_URL: 'mongodb://db/muster',
      S3_ENDPOINT: 'https://s3.example.com',
      S3_REGION: 'eu-west-2',
      S3_BUCKET: 'b',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      S3_KEY_PREFIX: 'staging',
      MAX_UPLOAD_MB: '10',
    });
    expect(config.port).to.equal(8080);
    expect(config.s3).to.include({ region: 'eu-west-2', bucket: 'b', keyPrefix: 'staging/' });
    expect(config.limits.maxUploadMb).to.equal(10);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a port out of range', { PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
    ['a port that is not a number', { PORT: 'abc' }, /PORT/],
    ['a Redis URL with the wrong scheme', { REDIS_URL: 'http://x' }, /REDIS_URL must start with redis:\/\//],
    ['a Mongo URL that is not a URL', { MONGO_URL: 'nope' }, /MONGO_URL is not a valid URL/],
    ['an upload limit of zero', { MAX_UPLOAD_MB: '0' }, /MAX_UPLOAD_MB/],
    ['an unknown NODE_ENV', { NODE_ENV: 'staging' }, /NODE_ENV must be one of/],
    ['a key prefix with spaces', { S3_KEY_PREFIX: 'a b' }, /S3_KEY_PREFIX/],
  ];
  for (const [what, env, message] of bad) {
    it(`refuses ${what}, naming the variable`, () => {
      expect(() => loadConfig({ NODE_ENV: 'development', ...env })).to.throw(ConfigError, message);
    });
  }

  it('refuses to start without a JWT secret unless NODE_ENV is explicitly development or test', () => {
    expect(() => loadConfig({})).to.throw(ConfigError, /AUTH_JWT_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: ' ' })).to.throw(ConfigError, /AUTH_JWT_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /AUTH_JWT_SECRET is required/);
  });

  it('in development and test without a secret, signs with a random one of this process (none is built in)', () => {
    const first = loadConfig({ NODE_ENV: 'development' }).auth.jwtSecret;
    const second = loadConfig({ NODE_ENV: 'test' }).auth.jwtSecret;
    expect(first).to.have.length(64);
    expect(first).to.not.equal(second);
  });

  const privateS3 = { S3_ENDPOINT: 'https://s3', S3_ACCESS_KEY_ID: 'AKIAEXAMPLEKEY', S3_SECRET_ACCESS_KEY: 'a-private-s3-secret' };
  const goodSecret = 'c0ffee'.repeat(6);
  for (const [what, secret] of [
    ['shorter than 32 characters', 'short'],
    ['one repeated character', 'x'.repeat(40)],
  ]) {
    it(`refuses a production JWT secret ${what}`, () => {
      expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: secret, ...privateS3 })).to.throw(ConfigError, /AUTH_JWT_SECRET must be a private random value/);
    });
  }

  it('requires S3 credentials in production and refuses the local gateway\'s published ones', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: goodSecret, S3_ENDPOINT: 'https://s3' })).to.throw(ConfigError, /S3_ACCESS_KEY_ID is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: goodSecret, ...privateS3, S3_ACCESS_KEY_ID: 'muster-local' })).to.throw(ConfigError, /published credentials/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: goodSecret, ...privateS3, S3_SECRET_ACCESS_KEY: 'muster-local-secret' })).to.throw(ConfigError, /published credentials/);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: goodSecret, ...privateS3 }).s3.accessKeyId).to.equal('AKIAEXAMPLEKEY');
  });

  it('reads the token issuer, audience and maximum age', () => {
    const { auth } = loadConfig({ NODE_ENV: 'test', AUTH_JWT_ISSUER: 'https://id.example', AUTH_JWT_AUDIENCE: 'muster', AUTH_JWT_MAX_AGE_SECONDS: '3600' });
    expect(auth).to.include({ issuer: 'https://id.example', audience: 'muster', maxAgeSeconds: 3600 });
    expect(loadConfig({ NODE_ENV: 'test' }).auth).to.include({ issuer: undefined, audience: undefined, maxAgeSeconds: 86_400 });
  });
});
