import { expect } from 'chai';
import { ConfigError, loadConfig } from '@muster/shared';

describe('loadConfig', () => {
  it('gives working local defaults outside production', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(3000);
    expect(config.redis.url).to.equal('redis://127.0.0.1:6379');
    expect(config.mongo.url).to.equal('mongodb://127.0.0.1:27017/muster');
    expect(config.s3.endpoint).to.equal('http://127.0.0.1:7070');
    expect(config.limits.maxUploadMb).to.equal(150);
  });

  it('reads and normalises every variable', () => {
    const config = loadConfig({
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
      expect(() => loadConfig(env)).to.throw(ConfigError, message);
    });
  }

  it('requires a real JWT secret and S3 credentials in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /AUTH_JWT_SECRET is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'short' })).to.throw(ConfigError, /at least 32/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(40), S3_ENDPOINT: 'https://s3' }),
    ).to.throw(ConfigError, /S3_ACCESS_KEY_ID is required/);
  });
});
