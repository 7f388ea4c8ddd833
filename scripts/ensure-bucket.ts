// Creates the configured bucket when it is missing (called by scripts/services.sh up).
import { loadConfig } from '@muster/shared/config';
import { createS3Storage } from '@muster/shared/storage/s3-storage';

// Only the S3 settings matter here: no token is signed, so no secret is needed.
const config = loadConfig({ NODE_ENV: 'development', ...process.env });
const storage = createS3Storage(config.s3);
await storage.ensureBucket();
storage.close();
console.log(`S3 bucket "${config.s3.bucket}" is ready`);
