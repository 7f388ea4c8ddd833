// Creates the configured bucket when it is missing (called by scripts/services.sh up).
import { loadConfig } from '@muster/shared/config';
import { createS3Storage } from '@muster/shared/storage/s3-storage';

const config = loadConfig(process.env);
const storage = createS3Storage(config.s3);
await storage.ensureBucket();
storage.close();
console.log(`S3 bucket "${config.s3.bucket}" is ready`);
